package dev.diundashboard.it;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests: every one must be refused with a 4xx and the JSON error shape, change nothing
 * and leave the server up. Injection strings appear where the API validates, so they must be refused.
 */
final class HostileCorpus {

    record Case(String name, String method, String path, BodyPublisher body, String contentType) {}

    private HostileCorpus() {}

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // Malformed and truncated JSON at the webhook.
        for (String body : List.of(
                "{",
                "{\"image\":",
                "{\"image\":\"a\"",
                "}",
                "[]",
                "null",
                "\"image\"",
                "123",
                "true",
                "",
                "   ",
                "{'image':'a'}",
                "{\"image\":\"a\" /* c */}",
                "{\"image\":\"a\",\"n\":NaN}",
                "{\"image\":\"a\nb\"}",
                "{\"image\":\"a\"} trailing",
                "{\"image\":\"a\"}{\"image\":\"b\"}",
                "{\"image\":\"a\",}")) {
            c.add(webhook("malformed " + abbreviate(body), body));
        }
        // Wrong types.
        for (String field : List.of(
                "\"image\": 5",
                "\"image\": {\"a\": 1}",
                "\"image\": [\"x\"]",
                "\"image\": null",
                "\"image\": \"\"",
                "\"image\": \"x\", \"metadata\": [1]",
                "\"image\": \"x\", \"metadata\": 5",
                "\"image\": \"x\", \"metadata\": \"k=v\"",
                "\"image\": \"x\", \"metadata\": true",
                "\"image\": \"x\", \"created\": \"yesterday\"",
                "\"image\": \"x\", \"created\": 12345",
                "\"image\": \"x\", \"status\": {}",
                "\"image\": \"x\", \"digest\": [\"sha256:1\"]",
                "\"image\": \"x\", \"hub_link\": 1",
                "\"image\": \"x\", \"hostname\": false")) {
            c.add(webhook("wrong type " + abbreviate(field), "{" + field + "}"));
        }
        // Sizes, control characters, encodings, nesting, duplicates, numbers.
        c.add(webhook("image of 10k characters", "{\"image\": \"" + "a".repeat(10_000) + "\"}"));
        c.add(webhook(
                "hostname of 10k characters", "{\"image\": \"x\", \"hostname\": \"" + "h".repeat(10_000) + "\"}"));
        c.add(webhook("newline in image", "{\"image\": \"a\\nb\"}"));
        c.add(webhook("tab in hostname", "{\"image\": \"a\", \"hostname\": \"h\\tx\"}"));
        c.add(webhook("NUL in image", "{\"image\": \"a\\u0000b\"}"));
        c.add(webhook("NUL in metadata", "{\"image\": \"a\", \"metadata\": {\"k\": \"\\u0000\"}}"));
        c.add(webhook("lone surrogate", "{\"image\": \"a\", \"metadata\": {\"k\": \"\\ud800\"}}"));
        c.add(webhookBytes(
                "invalid UTF-8 byte",
                new byte[] {'{', '"', 'i', 'm', 'a', 'g', 'e', '"', ':', '"', (byte) 0xff, '"', '}'}));
        c.add(webhookBytes(
                "truncated UTF-8 sequence",
                new byte[] {'{', '"', 'i', 'm', 'a', 'g', 'e', '"', ':', '"', (byte) 0xe2, (byte) 0x82, '"', '}'}));
        c.add(webhook("nested 1000 arrays", "{\"image\": \"x\", \"d\": " + "[".repeat(1000) + "]".repeat(1000) + "}"));
        c.add(webhook(
                "nested 200 objects",
                "{\"image\": \"x\", \"d\": " + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}"));
        c.add(webhook("duplicate keys", "{\"image\": \"a\", \"image\": \"b\"}"));
        c.add(webhook("huge exponent", "{\"image\": \"x\", \"n\": 1e999999}"));
        c.add(webhook("number of 10k digits", "{\"image\": \"x\", \"n\": " + "9".repeat(10_000) + "}"));
        c.add(webhook("over 1 MiB", "{\"image\": \"x\", \"pad\": \"" + "p".repeat(1024 * 1024) + "\"}"));
        // Injection strings and traversal in ids and parameters.
        for (String path : List.of(
                "/api/updates/1%20OR%201=1",
                "/api/updates/1;DROP%20TABLE%20updates",
                "/api/updates/'--",
                "/api/updates/..%2F..%2Fetc%2Fpasswd",
                "/api/updates/%2e%2e",
                "/api/tags/0x10",
                "/api/tags/-1",
                "/api/updates/99999999999999999999999",
                "/assets/..%2Fapp.js",
                "/assets/%2e%2e%2fWEB-INF%2fweb.xml",
                "/api/updates?tag=1%20OR%201=1",
                "/api/updates?sort=image;DROP%20TABLE%20tags",
                "/api/updates?state=%27%20OR%20%271%27=%271",
                "/api/updates?limit=-1",
                "/api/updates?limit=99999999999",
                "/api/updates?offset=-5",
                "/api/updates?offset=abc",
                "/api/updates?limit=1e3",
                "/api/updates?stat=pending",
                "/api/updates?limit=10&unknown=1",
                "/api/audit?limit=0",
                "/api/audit?page=2")) {
            c.add(new Case("GET " + path, "GET", path, BodyPublishers.noBody(), null));
        }
        // Wrong methods and content types on the API.
        c.add(new Case("PATCH list", "PATCH", "/api/updates", BodyPublishers.ofString("{}"), "application/json"));
        c.add(new Case("PUT summary", "PUT", "/api/summary", BodyPublishers.ofString("{}"), "application/json"));
        c.add(new Case("DELETE tags", "DELETE", "/api/tags", BodyPublishers.noBody(), null));
        c.add(new Case("POST one update", "POST", "/api/updates/1", BodyPublishers.ofString("{}"), "application/json"));
        c.add(new Case("DELETE webhook", "DELETE", "/webhook", BodyPublishers.noBody(), null));
        c.add(new Case(
                "tag as text/plain", "POST", "/api/tags", BodyPublishers.ofString("{\"name\":\"x\"}"), "text/plain"));
        c.add(new Case(
                "tag as form",
                "POST",
                "/api/tags",
                BodyPublishers.ofString("name=x"),
                "application/x-www-form-urlencoded"));
        c.add(new Case(
                "bulk as XML",
                "POST",
                "/api/updates/acknowledge",
                BodyPublishers.ofString("<ids/>"),
                "application/xml"));
        c.add(new Case(
                "rename as octet-stream",
                "PATCH",
                "/api/tags/1",
                BodyPublishers.ofString("{\"name\":\"x\"}"),
                "application/octet-stream"));
        // Bad bodies on the API.
        for (String[] request : new String[][] {
            {"/api/tags", "{\"name\": 123}"},
            {"/api/tags", "{\"name\": \"a\\u0000b\"}"},
            {"/api/tags", "{\"name\": \"" + "n".repeat(101) + "\"}"},
            {"/api/tags", "{\"name\": \"x\", \"name\": \"y\"}"},
            {"/api/tags", "[\"x\"]"},
            {"/api/updates/acknowledge", "{\"ids\": [1.5]}"},
            {"/api/updates/acknowledge", "{\"ids\": [-1]}"},
            {"/api/updates/acknowledge", "{\"ids\": 5}"},
            {"/api/updates/acknowledge", "{\"ids\": [99999999999999999999]}"},
            {"/api/updates/acknowledge", "{\"state\": \"'; DROP TABLE updates;--\"}"},
            {"/api/updates/acknowledge", "{\"tag\": \"1 OR 1=1\"}"},
            {"/api/tokens", "{\"name\": [\"x\"]}"},
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}"}
        }) {
            c.add(new Case(
                    "POST " + request[0] + " " + abbreviate(request[1]),
                    "POST",
                    request[0],
                    BodyPublishers.ofString(request[1]),
                    "application/json"));
        }
        c.add(new Case(
                "tag id of 1e400",
                "PUT",
                "/api/updates/1/tag",
                BodyPublishers.ofString("{\"tagId\": 1e400}"),
                "application/json"));
        return c;
    }

    private static Case webhook(String name, String body) {
        return new Case(
                "webhook " + name, "POST", "/webhook", BodyPublishers.ofString(body, StandardCharsets.UTF_8), null);
    }

    private static Case webhookBytes(String name, byte[] body) {
        return new Case("webhook " + name, "POST", "/webhook", BodyPublishers.ofByteArray(body), null);
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }
}
