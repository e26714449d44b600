package dev.diundashboard.platform;

import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A setting as it was given, empty or not. MicroProfile Config reports an empty value as missing
 * ({@code -DWEBHOOK_SECRET=} and no setting at all look the same through {@code @ConfigProperty}), so
 * settings that must refuse an empty value read the config sources themselves, highest ordinal first,
 * as the specification orders them.
 */
public final class RawConfig {

    private RawConfig() {}

    /** The value of the first config source that defines the name, possibly empty or blank. */
    public static Optional<String> value(String name) {
        for (ConfigSource source : ConfigProvider.getConfig().getConfigSources()) {
            String value = source.getValue(name);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
