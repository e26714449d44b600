package dev.diundashboard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.annotation.Annotation;
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
 * configuration at startup, logs a WARNING with the fix when one refuses, and /health/ready reports it.
 *
 * <p>The configuration is read through the server's own configuration beans, by reflection, so the
 * WAR compiles and runs on any server; where they cannot be read the answer is {@code unknown}.
 */
@ApplicationScoped
public class GetBodySupport {

    private static final Logger LOG = Logger.getLogger(GetBodySupport.class.getName());

    /** The setting, as the preboot file and the README set it. */
    static final String SETTING = "allow-payload-for-undefined-http-methods";

    public enum State {
        ALLOWED,
        REFUSED,
        UNKNOWN
    }

    /** What was found: the state, and the listeners that refuse GET bodies. */
    public record Finding(State state, List<String> refusing) {}

    private volatile Finding finding = new Finding(State.UNKNOWN, List.of());

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        finding = inspect();
        switch (finding.state()) {
            case ALLOWED -> LOG.fine("GET bodies are allowed on every HTTP listener");
            case REFUSED ->
                LOG.warning(() -> "The HTTP listener(s) " + finding.refusing()
                        + " refuse a body on GET: notifications from Diun 4.32+ (which sends GET with a body) are"
                        + " answered 400 by the server and never stored. Fix: on Payara Micro start with"
                        + " --prebootcommandfile server-config/http-listener.asadmin; on Payara Server or GlassFish run"
                        + " asadmin set configs.config.server-config.network-config.protocols.protocol."
                        + finding.refusing().get(0) + ".http." + SETTING + "=true (or set method: POST in Diun).");
            case UNKNOWN ->
                LOG.info("Cannot tell whether this server passes GET bodies (Diun 4.32+ sends its"
                        + " webhook as GET with a body); if Diun logs 400s, allow them or set method: POST in Diun");
        }
    }

    public Finding finding() {
        return finding;
    }

    /** Reads server-config's enabled listeners, the admin listener aside. */
    static Finding inspect() {
        try {
            Object locator = Class.forName("org.glassfish.internal.api.Globals")
                    .getMethod("getDefaultBaseServiceLocator")
                    .invoke(null);
            if (locator == null) {
                return new Finding(State.UNKNOWN, List.of());
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
                }
            }
            if (checked == 0) {
                return new Finding(State.UNKNOWN, List.of());
            }
            return refusing.isEmpty()
                    ? new Finding(State.ALLOWED, List.of())
                    : new Finding(State.REFUSED, List.copyOf(refusing));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notThisServer) {
            LOG.log(Level.FINE, "the HTTP listener configuration could not be read", notThisServer);
            return new Finding(State.UNKNOWN, List.of());
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
