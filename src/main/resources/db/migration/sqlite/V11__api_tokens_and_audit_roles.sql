-- API tokens: for scripts and home-page widgets, sent as Authorization: Bearer on /api. The scope
-- (read, write, admin) gives the role viewer, operator or admin. Only a hash is stored, as for the
-- other tokens, each kind in a table of its own. Keep in lock-step with ../postgresql.

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;

-- The role of the actor of each audit entry (viewer, operator, admin); none for entries written
-- before roles, whose actor was the one user, or anonymous with login off.
ALTER TABLE audit_log ADD COLUMN role TEXT;

-- A webhook token may be bound to a host: notifications sent with it are stored under that host,
-- whatever hostname the payload says (the payload keeps its own in the history); with host_only = 1
-- it refuses the notifications of any other host.
ALTER TABLE webhook_tokens ADD COLUMN host TEXT;
ALTER TABLE webhook_tokens ADD COLUMN host_only INTEGER NOT NULL DEFAULT 0 CHECK (host_only IN (0, 1));
