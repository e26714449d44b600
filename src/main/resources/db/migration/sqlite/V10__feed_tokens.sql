-- Feed tokens: read-only tokens for /feed.atom, for feed readers that cannot log in. Only a hash is
-- stored, as for webhook tokens, and a feed token opens nothing but the feed. Keep in lock-step with
-- ../postgresql.

CREATE TABLE feed_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;
