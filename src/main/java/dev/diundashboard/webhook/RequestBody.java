package dev.diundashboard.webhook;

import dev.diundashboard.platform.ApiException;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit; anything longer is refused with 413 before it is parsed. */
final class RequestBody {

    static final int MAX_BYTES = 1024 * 1024;

    private RequestBody() {}

    static byte[] read(InputStream in, String contentLength) {
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > MAX_BYTES) {
                    throw tooLarge();
                }
            } catch (NumberFormatException ignored) {
                // The container rejects a malformed Content-Length; read and count instead.
            }
        }
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read");
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload too large", "the body is larger than 1 MiB");
    }
}
