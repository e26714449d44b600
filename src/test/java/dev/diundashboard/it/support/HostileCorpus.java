package dev.diundashboard.it.support;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests: every one must be refused with its exact 4xx and the JSON error shape, change
 * nothing and leave the server up. Injection strings appear where the API validates, so they must be
 * refused. The expected status is the same on every backend, so the answers are identical by
 * construction; the cases of values PostgreSQL cannot store or index (NUL, unpaired surrogates, text
 * over the byte limits, timestamps outside the years 0001 to 9999) are the parity cases.
 */
public final class HostileCorpus {

    public record Case(String name, String method, String path, BodyPublisher body, String contentType, int expected) {}

    private HostileCorpus() {}

    public static List<Case> cases() {
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
        c.add(webhook("over 1 MiB", "{\"image\": \"x\", \"pad\": \"" + "p".repeat(1024 * 1024) + "\"}", 413));
        // What PostgreSQL cannot store or index, or stores differently: refused on every backend.
        for (String field : List.of(
                "\"image\": \"" + "\u4e00".repeat(1024) + "\"",
                "\"image\": \"" + "a".repeat(1025) + "\"",
                "\"image\": \"" + "a".repeat(1023) + "\u00e9\"",
                "\"image\": \"" + "\ud83d\ude00".repeat(257) + "\"",
                "\"image\": \"x\", \"hostname\": \"" + "h".repeat(256) + "\"",
                "\"image\": \"x\", \"hostname\": \"" + "\u00e9".repeat(128) + "\"",
                "\"image\": \"x\", \"status\": \"" + "s".repeat(65) + "\"",
                "\"image\": \"x\", \"provider\": \"" + "p".repeat(2049) + "\"",
                "\"image\": \"x\", \"metadata\": {\"k\": \"" + "m".repeat(64 * 1024) + "\"}",
                "\"image\": \"a\\ud800\"",
                "\"image\": \"a\\udc00b\"",
                "\"image\": \"x\", \"hostname\": \"\\udfff\"",
                "\"image\": \"x\", \"metadata\": {\"\\ud800\": 1}",
                "\"image\": \"x\", \"hostname\": \"a\\u0000\"",
                "\"image\": \"x\", \"status\": \"a\\u0000\"",
                "\"image\": \"x\", \"hub_link\": \"a\\u0000\"",
                "\"image\": \"x\", \"status\": \"new\\n\"",
                "\"image\": \"a\\u0085b\"",
                "\"image\": \"a\\u007fb\"",
                "\"image\": \"x\", \"created\": \"0000-12-31T23:59:59Z\"",
                "\"image\": \"x\", \"created\": \"0001-01-01T00:00:00+01:00\"",
                "\"image\": \"x\", \"created\": \"-0001-01-01T00:00:00Z\"",
                "\"image\": \"x\", \"created\": \"+10000-01-01T00:00:00Z\"",
                "\"image\": \"x\", \"created\": \"9999-12-31T23:59:59-01:00\"",
                "\"image\": \"x\", \"created\": \"+999999999-12-31T23:59:59Z\"",
                "\"image\": \"x\", \"created\": \"2024-05-01T08:20:30\"",
                "\"image\": \"x\", \"created\": \"2024-13-01T08:20:30Z\"")) {
            c.add(webhook("parity " + abbreviate(field), "{" + field + "}"));
        }
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
                "/api/updates/999999999/events")) {
            c.add(get(path, 404));
        }
        for (String path : List.of(
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
            c.add(get(path, 400));
        }
        // Query parameters get the rules of the fields they compare to (InputRules).
        String cjk342 = "%E4%B8%80".repeat(342);
        for (String path : List.of(
                "/api/updates?q=%00",
                "/api/updates?host=%00",
                "/api/updates?status=%00",
                "/api/updates?tag=%00",
                "/api/updates?state=%00",
                "/api/updates?sort=%00",
                "/api/updates?state=pending%00",
                "/api/updates?limit=1%00",
                "/api/updates?q=a%0Ab",
                "/api/updates?host=h%09x",
                "/api/updates?q=a%C2%85b",
                "/api/updates?q=" + "a".repeat(1025),
                "/api/updates?q=" + cjk342,
                "/api/updates?host=" + "h".repeat(256),
                "/api/updates?host=" + "%C3%A9".repeat(128),
                "/api/updates?status=" + "s".repeat(65),
                "/api/updates?sort=" + "x".repeat(3000),
                "/api/summary?q=%00",
                "/api/summary?x=1",
                "/api/hosts?host=%00",
                "/api/audit?limit=%00",
                "/api/updates/1/events?limit=0",
                "/api/updates/1/events?limit=101",
                "/api/updates/1/events?offset=-1",
                "/api/updates/1/events?offset=%00",
                "/api/updates/1/events?q=x")) {
            c.add(get(path, 400));
        }
        // Wrong methods and content types on the API.
        c.add(new Case("PATCH list", "PATCH", "/api/updates", BodyPublishers.ofString("{}"), "application/json", 405));
        c.add(new Case("PUT summary", "PUT", "/api/summary", BodyPublishers.ofString("{}"), "application/json", 405));
        c.add(new Case("DELETE tags", "DELETE", "/api/tags", BodyPublishers.noBody(), null, 405));
        c.add(new Case(
                "POST one update", "POST", "/api/updates/1", BodyPublishers.ofString("{}"), "application/json", 405));
        c.add(new Case("DELETE webhook", "DELETE", "/webhook", BodyPublishers.noBody(), null, 405));
        c.add(new Case(
                "tag as text/plain",
                "POST",
                "/api/tags",
                BodyPublishers.ofString("{\"name\":\"x\"}"),
                "text/plain",
                415));
        c.add(new Case(
                "tag as form",
                "POST",
                "/api/tags",
                BodyPublishers.ofString("name=x"),
                "application/x-www-form-urlencoded",
                415));
        c.add(new Case(
                "bulk as XML",
                "POST",
                "/api/updates/acknowledge",
                BodyPublishers.ofString("<ids/>"),
                "application/xml",
                415));
        c.add(new Case(
                "rename as octet-stream",
                "PATCH",
                "/api/tags/1",
                BodyPublishers.ofString("{\"name\":\"x\"}"),
                "application/octet-stream",
                415));
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
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}"},
            // Bulk filters: never everything by accident, and the rules of the fields they compare to.
            {"/api/updates/acknowledge", "{}"},
            {"/api/updates/acknowledge", "{\"idz\": [1]}"},
            {"/api/updates/acknowledge", "{\"ids\": [1], \"host\": \"x\"}"},
            {"/api/updates/acknowledge", "{\"host\": null, \"q\": null, \"tag\": null}"},
            {"/api/updates/acknowledge", "{\"host\": \"\", \"q\": \"\", \"tag\": \"\", \"status\": \"\"}"},
            {"/api/updates/acknowledge", "{\"state\": \"all\"}"},
            {"/api/updates/acknowledge", "{\"state\": \"acknowledged\"}"},
            {"/api/updates/acknowledge", "{\"state\": null}"},
            {"/api/updates/acknowledge", "{\"host\": \"\\ud800\"}"},
            {"/api/updates/acknowledge", "{\"q\": \"\\udc00x\"}"},
            {"/api/updates/acknowledge", "{\"q\": \"\\u0000\"}"},
            {"/api/updates/acknowledge", "{\"status\": \"a\\nb\"}"},
            {"/api/updates/acknowledge", "{\"host\": \"" + "h".repeat(256) + "\"}"},
            {"/api/updates/acknowledge", "{\"q\": \"" + "\u4e00".repeat(342) + "\"}"},
            {"/api/updates/acknowledge", "{\"tag\": \"\\u0000\"}"},
            {"/api/updates/acknowledge", "{\"state\": \"pending\", \"hosts\": \"x\"}"},
            // Tag and token names, expiresAt.
            {"/api/tags", "{\"name\": \"\\ud800\"}"},
            {"/api/tags", "{\"name\": \"a\\u0085b\"}"},
            {"/api/tags", "{\"name\": \"a\\nb\"}"},
            {"/api/tags", "{\"name\": \"   \"}"},
            {"/api/tokens", "{\"name\": \"a\\u0000b\"}"},
            {"/api/tokens", "{\"name\": \"\\udbff\"}"},
            {"/api/tokens", "{\"name\": \"a\\tb\"}"},
            {"/api/tokens", "{\"name\": \"" + "n".repeat(101) + "\"}"},
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"+10000-01-01T00:00:00Z\"}"},
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"9999-12-31T23:59:59-01:00\"}"},
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"0000-01-01T00:00:00Z\"}"},
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"0001-01-01T00:00:00Z\"}"},
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": \"2030-01-01T00:00:00\"}"},
            {"/api/tokens", "{\"name\": \"x\", \"expiresAt\": 1893456000}"}
        }) {
            c.add(new Case(
                    "POST " + request[0] + " " + abbreviate(request[1]),
                    "POST",
                    request[0],
                    BodyPublishers.ofString(request[1]),
                    "application/json",
                    400));
        }
        c.add(new Case(
                "PATCH tag name with NUL",
                "PATCH",
                "/api/tags/1",
                BodyPublishers.ofString("{\"name\": \"a\\u0000\"}"),
                "application/json",
                400));
        c.add(new Case(
                "tag id of 1e400",
                "PUT",
                "/api/updates/1/tag",
                BodyPublishers.ofString("{\"tagId\": 1e400}"),
                "application/json",
                400));
        return c;
    }

    private static Case webhook(String name, String body) {
        return webhook(name, body, 400);
    }

    private static Case webhook(String name, String body, int expected) {
        return new Case(
                "webhook " + name,
                "POST",
                "/webhook",
                BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                null,
                expected);
    }

    private static Case webhookBytes(String name, byte[] body) {
        return new Case("webhook " + name, "POST", "/webhook", BodyPublishers.ofByteArray(body), null, 400);
    }

    private static Case get(String path, int expected) {
        return new Case("GET " + abbreviate(path), "GET", path, BodyPublishers.noBody(), null, expected);
    }

    private static String abbreviate(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "... (" + s.length() + " chars)" : s;
        return shown.replace("\n", "\\n");
    }
}
