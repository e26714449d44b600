package dev.diundashboard.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A real feed parser for the tests: Python's feedparser, as Debian packages it
 * ({@code python3-feedparser}; {@code .ci/run} installs it). It reads a feed as a feed reader would
 * and reports what it understood as JSON: whether the document was well-formed ({@code bozo} 0), the
 * format, the feed's title, id and links, and each entry's id, title, links, updated time, summary and
 * category terms. Without it the test fails (it does not skip).
 */
public final class FeedParser {

    private static final String SCRIPT = """
            import sys, json, feedparser
            d = feedparser.parse(sys.stdin.buffer.read())
            links = lambda o: [{"rel": l.get("rel"), "href": l.get("href"), "type": l.get("type")} for l in o.get("links", [])]
            print(json.dumps({
                "bozo": int(d.bozo),
                "problem": str(d.get("bozo_exception", "")),
                "version": d.version,
                "title": d.feed.get("title"),
                "id": d.feed.get("id"),
                "updated": d.feed.get("updated"),
                "links": links(d.feed),
                "entries": [{
                    "id": e.get("id"),
                    "title": e.get("title"),
                    "link": e.get("link"),
                    "updated": e.get("updated"),
                    "summary": e.get("summary"),
                    "tags": [t.get("term") for t in e.get("tags", [])],
                    "links": links(e),
                } for e in d.entries],
            }))
            """;

    private FeedParser() {}

    public static JsonObject parse(String feed) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).start();
        process.getOutputStream().write(feed.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("feedparser failed (apt-get install python3-feedparser): " + err);
        }
        return Json.createReader(new StringReader(out)).readObject();
    }
}
