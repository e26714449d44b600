-- Release-notes links: an operator's template for the images a glob matches, tried in id order
-- before the mappings the application knows. The application computes updates.release_notes_url
-- with each webhook, when templates change and at every start. Keep in lock-step with ../postgresql.

CREATE TABLE link_templates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    image      TEXT NOT NULL,
    template   TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

ALTER TABLE updates ADD COLUMN release_notes_url TEXT;
