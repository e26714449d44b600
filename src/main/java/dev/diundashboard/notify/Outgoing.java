package dev.diundashboard.notify;

import java.net.URI;
import java.util.Map;

/** An HTTP request a channel sends: method, address, headers and a UTF-8 body. */
public record Outgoing(String method, URI uri, Map<String, String> headers, String body) {

    public Outgoing {
        headers = Map.copyOf(headers);
    }
}
