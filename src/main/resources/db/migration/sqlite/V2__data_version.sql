-- The data version: a number that every committed write to what the pages show moves, so that a
-- list or summary can answer ETag / 304 Not Modified. Readers take sum(changes). Keep in lock-step
-- with ../postgresql. SQLite has one writer at a time: one row (slot 0), moved by row triggers.
-- It starts at a random number, so that another database (a copy, a new file) does not repeat the
-- versions of this one. The copy tool neither copies this table nor accepts other triggers.

CREATE TABLE data_version (
    slot    INTEGER PRIMARY KEY,
    changes INTEGER NOT NULL
) STRICT;

INSERT INTO data_version (slot, changes) VALUES (0, abs(random() % 281474976710656));

CREATE TRIGGER data_version_updates_insert AFTER INSERT ON updates BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_updates_update AFTER UPDATE ON updates BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_updates_delete AFTER DELETE ON updates BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_events_insert AFTER INSERT ON events BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_events_update AFTER UPDATE ON events BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_events_delete AFTER DELETE ON events BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_tags_insert AFTER INSERT ON tags BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_tags_update AFTER UPDATE ON tags BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_tags_delete AFTER DELETE ON tags BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_tag_assignments_insert AFTER INSERT ON tag_assignments BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_tag_assignments_update AFTER UPDATE ON tag_assignments BEGIN UPDATE data_version SET changes = changes + 1; END;
CREATE TRIGGER data_version_tag_assignments_delete AFTER DELETE ON tag_assignments BEGIN UPDATE data_version SET changes = changes + 1; END;
