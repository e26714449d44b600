package dev.diundashboard.updates;

import dev.diundashboard.platform.JsonbConfiguration;
import dev.diundashboard.storage.DataVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads that answer {@code ETag} and {@code 304 Not Modified}, validated against the {@link DataVersion}:
 * a page that polls or reloads gets 304 without a query for the data as long as nothing was written,
 * and the full answer as soon as anything was. The tag stands for the state of the data, so it is the
 * same for every URL and every user that may read it; a cache keys it by URL.
 *
 * <p>Answers are also kept here, as written JSON, per URL for the current data version: widgets and
 * open pages poll the same few URLs, and between two writes each is computed once. Versions only grow,
 * so an answer of an older version is never served and is dropped when a newer one is seen.
 */
@ApplicationScoped
public class ConditionalReads {

    /** Browsers keep the answer but ask again each time ({@code no-cache}); shared caches do not keep it. */
    private static final CacheControl REVALIDATE = CacheControl.valueOf("private, no-cache");

    /** Bounds the memory of kept answers: at most this many URLs, each at most {@link #MAX_KEPT_BYTES}. */
    static final int MAX_KEPT = 32;

    static final int MAX_KEPT_BYTES = 256 * 1024;

    private record Kept(long version, byte[] json) {}

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private volatile long newestVersion = Long.MIN_VALUE;

    @Inject
    DataVersion version;

    /** The body when the client's copy is out of date or missing, else 304; both carry the tag. */
    public Response respond(Request request, UriInfo uri, Supplier<?> body) {
        // Read before the body: a write committed in between makes the body newer than its tag (the
        // next poll fetches it again), never older.
        long current = version.current();
        EntityTag tag = new EntityTag(Long.toString(current, 36), true);
        Response.ResponseBuilder answer = request.evaluatePreconditions(tag);
        if (answer == null) {
            answer = Response.ok(
                    json(
                            uri.getRequestUri().getRawPath()
                                    + '?'
                                    + uri.getRequestUri().getRawQuery(),
                            current,
                            body),
                    MediaType.APPLICATION_JSON_TYPE);
        }
        return answer.tag(tag).cacheControl(REVALIDATE).build();
    }

    private byte[] json(String key, long current, Supplier<?> body) {
        Kept k = kept.get(key);
        if (k != null && k.version() == current) {
            return k.json();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        JsonbConfiguration.JSONB.toJson(body.get(), out);
        byte[] json = out.toByteArray();
        keep(key, current, json);
        return json;
    }

    private synchronized void keep(String key, long current, byte[] json) {
        if (current > newestVersion) {
            newestVersion = current;
            kept.clear();
        }
        if (current == newestVersion
                && json.length <= MAX_KEPT_BYTES
                && (kept.size() < MAX_KEPT || kept.containsKey(key))) {
            kept.put(key, new Kept(current, json));
        }
    }
}
