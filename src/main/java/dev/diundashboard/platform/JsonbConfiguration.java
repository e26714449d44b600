package dev.diundashboard.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** JSON output: camelCase as declared, and null fields written as null rather than left out. */
@Provider
public class JsonbConfiguration implements ContextResolver<Jsonb> {

    /** The one configured instance, also for code that writes JSON outside a response (cached bodies). */
    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
