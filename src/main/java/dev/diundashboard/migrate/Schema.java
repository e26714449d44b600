package dev.diundashboard.migrate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables the tool copies, in foreign-key order, with how each column's values travel. It must
 * list exactly the columns of the latest migration: {@link Database#checkColumns} refuses to copy
 * when a migration added or removed one, so that nothing is silently left behind.
 */
final class Schema {

    /** How a value travels: integers as Long; text, JSON and timestamps as UTF-8 bytes. */
    enum Kind {
        /** A 64-bit integer. */
        BIGINT,
        /** A 32-bit integer in PostgreSQL, an INTEGER in SQLite. */
        INT,
        TEXT,
        /** Canonical UTC text {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} (27 ASCII bytes). */
        TIMESTAMP,
        /** JSON text; compared by meaning. */
        JSON
    }

    record Column(String name, Kind kind) {}

    /** A table and its key, the integer column rows are copied in order of (and resumed by). */
    record Table(String name, String key, boolean identity, List<Column> columns) {

        String columnList() {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }

        int width() {
            return columns.size();
        }
    }

    static final List<Table> TABLES = List.of(
            new Table(
                    "tags",
                    "id",
                    true,
                    List.of(col("id", Kind.BIGINT), col("name", Kind.TEXT), col("created_at", Kind.TIMESTAMP))),
            new Table(
                    "ignore_rules",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("image", Kind.TEXT),
                            col("host", Kind.TEXT),
                            col("stack", Kind.TEXT),
                            col("version_class", Kind.TEXT),
                            col("created_at", Kind.TIMESTAMP))),
            new Table(
                    "link_templates",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("image", Kind.TEXT),
                            col("template", Kind.TEXT),
                            col("created_at", Kind.TIMESTAMP))),
            new Table(
                    "host_aliases",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("hostname", Kind.TEXT),
                            col("alias", Kind.TEXT),
                            col("updated_at", Kind.TIMESTAMP))),
            new Table(
                    "channels",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("name", Kind.TEXT),
                            col("type", Kind.TEXT),
                            col("mode", Kind.TEXT),
                            col("window_seconds", Kind.INT),
                            col("schedule", Kind.TEXT),
                            col("filter", Kind.TEXT),
                            col("config", Kind.TEXT),
                            col("created_at", Kind.TIMESTAMP),
                            col("next_digest_at", Kind.TIMESTAMP))),
            new Table(
                    "updates",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("hostname", Kind.TEXT),
                            col("image", Kind.TEXT),
                            col("status", Kind.TEXT),
                            col("provider", Kind.TEXT),
                            col("hub_link", Kind.TEXT),
                            col("mime_type", Kind.TEXT),
                            col("digest", Kind.TEXT),
                            col("created", Kind.TIMESTAMP),
                            col("platform", Kind.TEXT),
                            col("metadata", Kind.JSON),
                            col("diun_version", Kind.TEXT),
                            col("first_seen", Kind.TIMESTAMP),
                            col("last_seen", Kind.TIMESTAMP),
                            col("seen_count", Kind.INT),
                            col("acknowledged_at", Kind.TIMESTAMP),
                            col("previous_digest", Kind.TEXT),
                            col("previous_seen_at", Kind.TIMESTAMP),
                            col("version_from", Kind.TEXT),
                            col("version_class", Kind.TEXT),
                            col("snoozed_until", Kind.TIMESTAMP),
                            col("stack", Kind.TEXT),
                            col("ignored_by", Kind.BIGINT),
                            col("release_notes_url", Kind.TEXT),
                            col("host_alias", Kind.TEXT),
                            col("digest_since", Kind.TIMESTAMP))),
            new Table(
                    "tag_assignments",
                    "update_id",
                    false,
                    List.of(col("update_id", Kind.BIGINT), col("tag_id", Kind.BIGINT))),
            new Table(
                    "events",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("update_id", Kind.BIGINT),
                            col("received_at", Kind.TIMESTAMP),
                            col("status", Kind.TEXT),
                            col("digest", Kind.TEXT),
                            col("payload", Kind.JSON))),
            new Table(
                    "outbox",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("channel_id", Kind.BIGINT),
                            col("kind", Kind.TEXT),
                            col("state", Kind.TEXT),
                            col("update_id", Kind.BIGINT),
                            col("hostname", Kind.TEXT),
                            col("window_start", Kind.TIMESTAMP),
                            col("created_at", Kind.TIMESTAMP),
                            col("due_at", Kind.TIMESTAMP),
                            col("attempts", Kind.INT),
                            col("claimed_until", Kind.TIMESTAMP),
                            col("last_attempt_at", Kind.TIMESTAMP),
                            col("last_answer", Kind.TEXT),
                            col("sent_at", Kind.TIMESTAMP))),
            tokens("webhook_tokens", col("host", Kind.TEXT), col("host_only", Kind.INT)),
            tokens("feed_tokens"),
            tokens("api_tokens", col("scope", Kind.TEXT)),
            new Table(
                    "audit_log",
                    "id",
                    true,
                    List.of(
                            col("id", Kind.BIGINT),
                            col("at", Kind.TIMESTAMP),
                            col("actor", Kind.TEXT),
                            col("role", Kind.TEXT),
                            col("action", Kind.TEXT),
                            col("target", Kind.TEXT),
                            col("details", Kind.JSON))));

    private Schema() {}

    /** The tables of issued tokens share one shape: a kind's own columns follow the hash. */
    private static Table tokens(String name, Column... own) {
        List<Column> columns = new java.util.ArrayList<>(
                List.of(col("id", Kind.BIGINT), col("name", Kind.TEXT), col("token_hash", Kind.TEXT)));
        columns.addAll(List.of(own));
        columns.addAll(List.of(
                col("created_at", Kind.TIMESTAMP),
                col("expires_at", Kind.TIMESTAMP),
                col("last_used_at", Kind.TIMESTAMP),
                col("revoked_at", Kind.TIMESTAMP)));
        return new Table(name, "id", true, List.copyOf(columns));
    }

    private static Column col(String name, Kind kind) {
        return new Column(name, kind);
    }

    /** The table of that name. */
    static Table named(String name) {
        return TABLES.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }
}
