-- What each update is: the digest it replaced (and when that one was last seen), and the version jump
-- from the highest lower version tag of the same repository on the same host. Keep in lock-step with
-- ../postgresql (same versions).

ALTER TABLE updates ADD COLUMN previous_digest TEXT;
ALTER TABLE updates ADD COLUMN previous_seen_at TEXT;
-- The tag the update moves from (X in "X -> Y"; Y is the update's own tag), or null.
ALTER TABLE updates ADD COLUMN version_from TEXT;
-- major, minor, patch, digest or other; null when there is nothing to say.
ALTER TABLE updates ADD COLUMN version_class TEXT
    CHECK (version_class IN ('major', 'minor', 'patch', 'digest', 'other'));

CREATE INDEX updates_version_class ON updates (version_class);

-- From the history already stored: the newest event with another digest than the current one.
UPDATE updates
SET previous_digest = (
        SELECT e.digest FROM events e
        WHERE e.update_id = updates.id AND e.digest IS NOT NULL AND e.digest IS NOT updates.digest
        ORDER BY e.received_at DESC, e.id DESC LIMIT 1),
    previous_seen_at = (
        SELECT e.received_at FROM events e
        WHERE e.update_id = updates.id AND e.digest IS NOT NULL AND e.digest IS NOT updates.digest
        ORDER BY e.received_at DESC, e.id DESC LIMIT 1);

-- version_from and version_class are the application's: it classifies every update when it starts
-- (a tag parser that improves reclassifies what is stored) and each batch of webhooks as it lands.
