package dev.diundashboard.updates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which metadata keys name an update's stack, in order: the first one Diun sent with a text value
 * wins. {@code STACK_KEYS} (comma-separated) replaces the default, which covers a label of one's own
 * ({@code diun.metadata.stack=...} arrives as {@code stack}), Compose, Nomad, Kubernetes and
 * containerd.
 */
public record StackKeys(List<String> keys) {

    public static final StackKeys DEFAULT = new StackKeys(List.of(
            "stack", "compose_project", "com.docker.compose.project", "job_name", "pod_namespace", "ctn_namespace"));

    /** The longest stack kept, in characters; the payload keeps the whole value. */
    static final int MAX_LENGTH = 255;

    public StackKeys {
        keys = List.copyOf(keys);
        if (keys.isEmpty() || keys.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("STACK_KEYS must name at least one metadata key, separated by commas");
        }
    }

    /** {@code STACK_KEYS} split at commas, or the default when unset or blank. */
    static StackKeys parse(Optional<String> setting) {
        return setting.filter(s -> !s.isBlank())
                .map(s -> new StackKeys(
                        Arrays.stream(s.split(",")).map(String::strip).toList()))
                .orElse(DEFAULT);
    }

    /** Reads the setting once; a malformed one stops the application with one line naming it. */
    @ApplicationScoped
    static class Setting {

        @Inject
        @ConfigProperty(name = "STACK_KEYS")
        Optional<String> value;

        void atStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
            try {
                parse(value);
            } catch (IllegalArgumentException e) {
                Logger.getLogger(StackKeys.class.getName()).severe(e.getMessage());
                throw new IllegalStateException(e.getMessage());
            }
        }

        @Produces
        @Dependent
        StackKeys keys() {
            return parse(value);
        }
    }

    /** The stack the metadata names, or null. */
    String stackOf(JsonValue metadata) {
        if (!(metadata instanceof JsonObject object)) {
            return null;
        }
        for (String key : keys) {
            if (object.get(key) instanceof JsonString value
                    && !value.getString().isBlank()) {
                String stack = value.getString().strip();
                return stack.codePointCount(0, stack.length()) > MAX_LENGTH
                        ? stack.substring(0, stack.offsetByCodePoints(0, MAX_LENGTH))
                        : stack;
            }
        }
        return null;
    }
}
