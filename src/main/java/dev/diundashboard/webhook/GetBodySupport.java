package dev.diundashboard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the server passes a body on GET to the application, which Diun 4.32+ needs: Grizzly (Payara,
 * GlassFish) answers such a request with an empty 400 itself unless the HTTP listener allows "payload
 * for undefined HTTP methods". The application cannot see those requests, so it reads the listeners'
 * configuration at startup. Where the configuration refuses, it allows GET bodies on the running
 * listeners (as plain {@code java -jar payara-micro.jar --deploy} needs), and either way logs a WARNING
 * with the lasting fix; /health/ready reports the outcome.
 *
 * <p>The server is reached through its own services and configuration beans, by reflection, so the
 * WAR compiles and runs on any server; where they cannot be read the answer is {@code unknown}.
 */
@ApplicationScoped
public class GetBodySupport {

    private static final Logger LOG = Logger.getLogger(GetBodySupport.class.getName());

    /** The setting, as the preboot file and docs/deployment.md set it. */
    static final String SETTING = "allow-payload-for-undefined-http-methods";

    public enum State {
        /** The listeners' configuration allows GET bodies. */
        ALLOWED,
        /** The configuration refuses them; the application allowed them on the running listeners. */
        ENABLED,
        REFUSED,
        UNKNOWN
    }

    /** What was found: the state, and the listeners whose configuration refuses GET bodies. */
    public record Finding(State state, List<String> refusing) {}

    /** The configuration beans of the refusing listeners, for {@link #allowOnRunningListeners}. */
    private record Inspection(Finding finding, List<Object> refusingListeners) {}

    private volatile Finding finding = new Finding(State.UNKNOWN, List.of());

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Inspection inspection = inspect();
        finding = inspection.finding();
        if (finding.state() == State.REFUSED && allowOnRunningListeners(inspection.refusingListeners())) {
            finding = new Finding(State.ENABLED, finding.refusing());
        }
        String fix = " Fix: on Payara Micro start with --prebootcommandfile server-config/http-listener.asadmin;"
                + " on Payara Server or GlassFish run asadmin set"
                + " configs.config.server-config.network-config.protocols.protocol."
                + finding.refusing().stream().findFirst().orElse("") + ".http." + SETTING + "=true";
        switch (finding.state()) {
            case ALLOWED -> LOG.fine("GET bodies are allowed on every HTTP listener");
            case ENABLED ->
                LOG.warning(() -> "The configuration of the HTTP listener(s) " + finding.refusing()
                        + " would refuse a body on GET, which Diun 4.32+ sends; the application allowed it on the"
                        + " running listener(s), until they are next reconfigured or restarted." + fix);
            case REFUSED ->
                LOG.warning(() -> "The HTTP listener(s) " + finding.refusing()
                        + " refuse a body on GET: notifications from Diun 4.32+ (which sends GET with a body) are"
                        + " answered 400 by the server and never stored." + fix + " (or set method: POST in Diun).");
            case UNKNOWN ->
                LOG.info("Cannot tell whether this server passes GET bodies (Diun 4.32+ sends its"
                        + " webhook as GET with a body); if Diun logs 400s, allow them or set method: POST in Diun");
        }
    }

    public Finding finding() {
        return finding;
    }

    /** Reads server-config's enabled listeners, the admin listener aside. */
    private static Inspection inspect() {
        try {
            Object locator = Class.forName("org.glassfish.internal.api.Globals")
                    .getMethod("getDefaultBaseServiceLocator")
                    .invoke(null);
            if (locator == null) {
                return unknown();
            }
            ClassLoader server = locator.getClass().getClassLoader();
            Class<?> configType = Class.forName("com.sun.enterprise.config.serverbeans.Config", false, server);
            Object config = call(
                    locator,
                    "getService",
                    new Class<?>[] {Class.class, String.class, Annotation[].class},
                    configType,
                    "server-config",
                    new Annotation[0]);
            Object listeners = call(call(config, "getNetworkConfig"), "getNetworkListeners");
            List<String> refusing = new ArrayList<>();
            List<Object> refusingListeners = new ArrayList<>();
            int checked = 0;
            for (Object listener : (List<?>) call(listeners, "getNetworkListener")) {
                String name = (String) call(listener, "getName");
                if (!Boolean.parseBoolean((String) call(listener, "getEnabled")) || name.startsWith("admin-")) {
                    continue;
                }
                Object protocol = call(listener, "findHttpProtocol");
                Object http = protocol == null ? null : call(protocol, "getHttp");
                if (http == null) {
                    continue;
                }
                checked++;
                if (!Boolean.parseBoolean((String) call(http, "getAllowPayloadForUndefinedHttpMethods"))) {
                    refusing.add((String) call(protocol, "getName"));
                    refusingListeners.add(listener);
                }
            }
            if (checked == 0) {
                return unknown();
            }
            return refusing.isEmpty()
                    ? new Inspection(new Finding(State.ALLOWED, List.of()), List.of())
                    : new Inspection(new Finding(State.REFUSED, List.copyOf(refusing)), refusingListeners);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notThisServer) {
            LOG.log(Level.FINE, "the HTTP listener configuration could not be read", notThisServer);
            return unknown();
        }
    }

    private static Inspection unknown() {
        return new Inspection(new Finding(State.UNKNOWN, List.of()), List.of());
    }

    /**
     * Sets the flag on the running listeners' HTTP filter (Grizzly reads it for every request), without
     * touching the configuration: changing the configuration would restart the listener under the
     * application's own deployment. True when every refusing listener was changed.
     */
    private static boolean allowOnRunningListeners(List<Object> listeners) {
        try {
            Object locator = Class.forName("org.glassfish.internal.api.Globals")
                    .getMethod("getDefaultBaseServiceLocator")
                    .invoke(null);
            ClassLoader server = locator.getClass().getClassLoader();
            Class<?> serviceType = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService", false, server);
            Object service = call(
                    locator,
                    "getService",
                    new Class<?>[] {Class.class, Annotation[].class},
                    serviceType,
                    new Annotation[0]);
            for (Object listener : listeners) {
                Object proxy = service.getClass()
                        .getMethod(
                                "lookupNetworkProxy",
                                Class.forName(
                                        "org.glassfish.grizzly.config.dom.NetworkListener",
                                        false,
                                        serviceType.getClassLoader()))
                        .invoke(service, listener);
                Field field = proxy.getClass().getDeclaredField("grizzlyListener");
                field.setAccessible(true);
                Object grizzly = field.get(proxy);
                Class<?> filterType = Class.forName(
                        "org.glassfish.grizzly.http.HttpServerFilter",
                        false,
                        grizzly.getClass().getClassLoader());
                List<?> filters = (List<?>)
                        grizzly.getClass().getMethod("getFilters", Class.class).invoke(grizzly, filterType);
                if (filters.isEmpty()) {
                    return false;
                }
                for (Object filter : filters) {
                    filterType
                            .getMethod("setAllowPayloadForUndefinedHttpMethods", boolean.class)
                            .invoke(filter, true);
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notPossible) {
            LOG.log(Level.FINE, "GET bodies could not be allowed on the running listeners", notPossible);
            return false;
        }
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        return call(target, name, new Class<?>[0]);
    }

    /** Calls a method through a public interface of the target (its class may not be accessible). */
    private static Object call(Object target, String name, Class<?>[] types, Object... args)
            throws ReflectiveOperationException {
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            todo.addAll(List.of(c.getInterfaces()));
        }
        while (!todo.isEmpty()) {
            Class<?> type = todo.poll();
            try {
                Method method = type.getMethod(name, types);
                return method.invoke(target, args);
            } catch (NoSuchMethodException notHere) {
                todo.addAll(List.of(type.getInterfaces()));
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }
}
