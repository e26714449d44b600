-- What each update is: the digest it replaced (and when that one was last seen), and the version jump
-- from the highest lower version tag of the same repository on the same host. Keep in lock-step with
-- ../sqlite (same versions).

ALTER TABLE updates ADD COLUMN previous_digest text;
ALTER TABLE updates ADD COLUMN previous_seen_at timestamptz;
-- The tag the update moves from (X in "X -> Y"; Y is the update's own tag), or null.
ALTER TABLE updates ADD COLUMN version_from text;
-- major, minor, patch, digest or other; null when there is nothing to say.
ALTER TABLE updates ADD COLUMN version_class text
    CHECK (version_class IN ('major', 'minor', 'patch', 'digest', 'other'));

CREATE INDEX updates_version_class ON updates (version_class);

-- From the history already stored: the newest event with another digest than the current one.
UPDATE updates u
SET previous_digest = e.digest, previous_seen_at = e.received_at
FROM (
    SELECT DISTINCT ON (ev.update_id) ev.update_id, ev.digest, ev.received_at
    FROM events ev
    JOIN updates cur ON cur.id = ev.update_id
    WHERE ev.digest IS NOT NULL AND ev.digest IS DISTINCT FROM cur.digest
    ORDER BY ev.update_id, ev.received_at DESC, ev.id DESC
) e
WHERE u.id = e.update_id;

-- version_from and version_class are the application's: it classifies every update when it starts
-- (a tag parser that improves reclassifies what is stored) and each batch of webhooks as it lands.
