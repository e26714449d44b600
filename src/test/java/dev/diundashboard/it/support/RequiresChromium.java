package dev.diundashboard.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs browser tests only with Debian's Chromium installed; under CI=true its absence fails. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

    public class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Browser.available()) {
                return ConditionEvaluationResult.enabled("Chromium at " + Browser.CHROMIUM);
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true requires the browser tests, but there is no "
                        + Browser.CHROMIUM + " (apt-get install chromium)");
            }
            return ConditionEvaluationResult.disabled("no Chromium at " + Browser.CHROMIUM);
        }
    }
}
