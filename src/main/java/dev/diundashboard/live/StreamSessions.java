package dev.diundashboard.live;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

/**
 * A login session that ends (logout, expiry, or a realm user refused the role) takes its open
 * streams with it; the page's reconnect is then checked like any other request.
 */
@WebListener
public class StreamSessions implements HttpSessionListener {

    @Inject
    LiveStreams streams;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        streams.closeSession(event.getSession().getId());
    }
}
