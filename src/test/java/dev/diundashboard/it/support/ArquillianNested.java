package dev.diundashboard.it.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets the tests of JUnit {@code @Nested} classes use the {@code @ArquillianResource} fields of their
 * enclosing test class. Arquillian 1.10's JUnit 5 extension enriches only the innermost test instance
 * (a known limitation of that version), and a nested class has no deployment of its own; so, registered after
 * {@code ArquillianExtension}, this runs that extension's before and after steps for each enclosing
 * instance as well, with the enclosing instance as the test instance: the URLs of the enclosing class's
 * deployments are set before its {@code @BeforeEach} methods run. For a test of the outer class itself
 * it does nothing.
 */
public final class ArquillianNested implements BeforeEachCallback, AfterEachCallback {

    private final ArquillianExtension arquillian = new ArquillianExtension();

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        for (Object enclosing : enclosing(context)) {
            arquillian.beforeEach(as(context, enclosing));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Object> outer = enclosing(context);
        for (int i = outer.size() - 1; i >= 0; i--) {
            arquillian.afterEach(as(context, outer.get(i)));
        }
    }

    private static List<Object> enclosing(ExtensionContext context) {
        return context.getRequiredTestInstances().getEnclosingInstances();
    }

    private static ExtensionContext as(ExtensionContext context, Object instance) {
        return (ExtensionContext) Proxy.newProxyInstance(
                ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredTestInstance" -> instance;
                    case "getTestInstance" -> Optional.of(instance);
                    case "getRequiredTestClass" -> instance.getClass();
                    case "getTestClass" -> Optional.of(instance.getClass());
                    default -> call(method, context, args);
                });
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
