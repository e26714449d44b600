package dev.diundashboard.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS serves the webhook, the API under /api, and the dashboard page at the root. */
@ApplicationPath("/")
public class RestApplication extends Application {}
