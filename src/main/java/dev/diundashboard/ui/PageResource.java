package dev.diundashboard.ui;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Serves the dashboard page and its static files from the WAR; no CDN, no build step. */
@PermitAll
@Path("")
@ApplicationScoped
public class PageResource {

    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "login.js", "text/javascript; charset=utf-8",
            "theme.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    @GET
    public Response index() {
        return file("index.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("login")
    public Response login() {
        return file("login.html", "text/html; charset=utf-8");
    }

    @GET
    @Path("assets/{name}")
    public Response asset(@PathParam("name") String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            throw new NotFoundException();
        }
        return file(name, type);
    }

    private Response file(String name, String type) {
        try (InputStream in = getClass().getResourceAsStream("/ui/" + name)) {
            if (in == null) {
                throw new NotFoundException();
            }
            CacheControl cache = new CacheControl();
            cache.setNoCache(true);
            return Response.ok(in.readAllBytes(), type).cacheControl(cache).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
