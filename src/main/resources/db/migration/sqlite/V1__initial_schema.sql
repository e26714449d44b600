-- DiunDashboard schema, SQLite dialect. Keep in lock-step with ../postgresql (same versions).
-- Timestamps are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (fixed width, so text order is time order).
-- JSON is text checked with json_valid(). AUTOINCREMENT: an id is never reused.

CREATE TABLE tags (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE updates (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    hostname        TEXT NOT NULL,
    image           TEXT NOT NULL,
    status          TEXT NOT NULL,
    provider        TEXT,
    hub_link        TEXT,
    mime_type       TEXT,
    digest          TEXT,
    created         TEXT,
    platform        TEXT,
    metadata        TEXT CHECK (metadata IS NULL OR json_valid(metadata)),
    diun_version    TEXT,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL,
    seen_count      INTEGER NOT NULL DEFAULT 1,
    acknowledged_at TEXT,
    CONSTRAINT updates_host_image UNIQUE (hostname, image)
) STRICT;

CREATE INDEX updates_last_seen ON updates (last_seen, id);
CREATE INDEX updates_hostname ON updates (hostname, image);
CREATE INDEX updates_image ON updates (image);
CREATE INDEX updates_acknowledged_at ON updates (acknowledged_at);
CREATE INDEX updates_status ON updates (status);

CREATE TABLE tag_assignments (
    update_id INTEGER PRIMARY KEY REFERENCES updates (id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX tag_assignments_tag ON tag_assignments (tag_id);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    update_id   INTEGER NOT NULL REFERENCES updates (id) ON DELETE CASCADE,
    received_at TEXT NOT NULL,
    status      TEXT,
    digest      TEXT,
    payload     TEXT NOT NULL CHECK (json_valid(payload))
) STRICT;

CREATE INDEX events_update ON events (update_id, received_at);
CREATE INDEX events_received_at ON events (received_at);

CREATE TABLE webhook_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT,
    details TEXT CHECK (details IS NULL OR json_valid(details))
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at, id);
