-- Notification channels and their outbox. What a channel must send is written to the outbox in the
-- transaction of the change that causes it (a webhook, a digest coming due); a background sender
-- delivers it with retries and marks it sent, failed or skipped (nothing left to say). Secrets in
-- channels.config are never returned by the API. updates.digest_since is when the current digest
-- arrived (null: since first_seen), so that a batch knows which updates it made pending.
-- Keep in lock-step with ../postgresql.

CREATE TABLE channels (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT NOT NULL,
    type           TEXT NOT NULL CHECK (type IN ('ntfy', 'gotify', 'discord', 'slack', 'email', 'webhook')),
    mode           TEXT NOT NULL CHECK (mode IN ('run', 'digest', 'each')),
    window_seconds INTEGER NOT NULL,
    schedule       TEXT,
    filter         TEXT,
    config         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    next_digest_at TEXT
) STRICT;

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id      INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('each', 'run', 'digest')),
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
    update_id       INTEGER,
    hostname        TEXT,
    window_start    TEXT,
    created_at      TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    claimed_until   TEXT,
    last_attempt_at TEXT,
    last_answer     TEXT,
    sent_at         TEXT
) STRICT;

CREATE INDEX outbox_due ON outbox (state, due_at);
CREATE INDEX outbox_channel ON outbox (channel_id, id);

ALTER TABLE updates ADD COLUMN digest_since TEXT;
