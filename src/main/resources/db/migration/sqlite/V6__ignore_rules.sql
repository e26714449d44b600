-- Ignore rules: a notification that matches one is stored and kept in the history, but not pending.
-- Each rule names at least one of an image glob, a host glob, a stack glob and a version class; an
-- update is ignored by the lowest-numbered rule that matches all the rule names. The application
-- computes updates.ignored_by with each webhook, when rules change and at every start.
-- Keep in lock-step with ../postgresql.

CREATE TABLE ignore_rules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    image         TEXT,
    host          TEXT,
    stack         TEXT,
    version_class TEXT CHECK (version_class IN ('major', 'minor', 'patch', 'digest', 'other')),
    created_at    TEXT NOT NULL,
    CHECK (image IS NOT NULL OR host IS NOT NULL OR stack IS NOT NULL OR version_class IS NOT NULL)
) STRICT;

ALTER TABLE updates ADD COLUMN ignored_by INTEGER REFERENCES ignore_rules (id) ON DELETE SET NULL;

CREATE INDEX updates_ignored_by ON updates (ignored_by);
