-- The data version: a number that every committed write to what the pages show moves, so that a
-- list or summary can answer ETag / 304 Not Modified. Readers take sum(changes). Keep in lock-step
-- with ../sqlite.
-- Each server process (pg_backend_pid) moves a row of its own, once per statement, so concurrent
-- transactions never wait for one another here and cannot deadlock over it; the sum moves exactly
-- when a transaction that wrote commits. Rows of ended processes are folded into slot 0 daily.
-- It starts at a random number, so that another database (a copy) does not repeat the versions of
-- this one. The copy tool does not copy this table.

CREATE TABLE data_version (
    slot    bigint PRIMARY KEY,
    changes bigint NOT NULL
);

INSERT INTO data_version (slot, changes) VALUES (0, floor(random() * 281474976710656)::bigint);

CREATE FUNCTION data_version_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_version (slot, changes) VALUES (pg_backend_pid(), 1)
        ON CONFLICT (slot) DO UPDATE SET changes = data_version.changes + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER data_version_updates AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON updates
    FOR EACH STATEMENT EXECUTE FUNCTION data_version_move();
CREATE TRIGGER data_version_events AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION data_version_move();
CREATE TRIGGER data_version_tags AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tags
    FOR EACH STATEMENT EXECUTE FUNCTION data_version_move();
CREATE TRIGGER data_version_tag_assignments AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON tag_assignments
    FOR EACH STATEMENT EXECUTE FUNCTION data_version_move();
