-- Host aliases: the name the page shows for a host; the hostname Diun sent stays the identity. The
-- application copies the alias to updates.host_alias with each webhook, when an alias changes and
-- at every start. Keep in lock-step with ../postgresql.

CREATE TABLE host_aliases (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    hostname   TEXT NOT NULL UNIQUE,
    alias      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

ALTER TABLE updates ADD COLUMN host_alias TEXT;
