package dev.diundashboard.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when {@link PostgresForTests} found a PostgreSQL. Without one the class is
 * skipped, except under {@code CI=true}, where it fails: CI must prove both backends.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    public class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (System.getProperty(PostgresForTests.URL_PROPERTY) != null) {
                return ConditionEvaluationResult.enabled("PostgreSQL available");
            }
            String reason = System.getProperty(PostgresForTests.REASON_PROPERTY, "no PostgreSQL for the tests");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true requires PostgreSQL tests to run, but " + reason);
            }
            return ConditionEvaluationResult.disabled(reason);
        }
    }
}
