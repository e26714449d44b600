package dev.diundashboard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading answers over raw sockets, for tests of what the server does with the connection. */
public final class RawHttp {

    private RawHttp() {}

    /**
     * Everything the server sent until it closed. A server that closes with unread data sends a
     * reset, which fails the next read; what arrived before it is kept.
     */
    public static String untilClosed(InputStream in) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (IOException resetAfterTheAnswer) {
            // keep what arrived
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
