-- A realistic DiunDashboard database: 100k updates (images on 200 hosts), 1M events (ten Diun
-- notifications per update, with the full webhook payload as received), 50 tags, 30k tag
-- assignments, a few webhook tokens and 20k audit entries. Ids have gaps and sqlite_sequence runs
-- ahead of max(id), as after deletions. Parameters: none; run with sqlite3 on a migrated file.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
INSERT INTO tags (id, name, created_at)
SELECT i, 'tag-' || i || CASE WHEN i % 7 = 0 THEN ' production' ELSE '' END,
       strftime('%Y-%m-%dT%H:%M:%f000Z', '2024-01-01', '+' || i || ' hours')
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO updates (id, hostname, image, status, provider, hub_link, mime_type, digest, created, platform,
                     metadata, diun_version, first_seen, last_seen, seen_count, acknowledged_at)
SELECT i,
       'host-' || (i % 200) || '.example.internal',
       'docker.io/library/app-' || i || ':' || (i % 13) || '.' || (i % 7),
       CASE i % 3 WHEN 0 THEN 'new' ELSE 'update' END,
       'docker',
       'https://hub.docker.com/r/library/app-' || i,
       'application/vnd.oci.image.index.v1+json',
       'sha256:' || lower(hex(randomblob(32))),
       strftime('%Y-%m-%dT%H:%M:%f000Z', '2024-01-01', '+' || (i % 5000) || ' minutes'),
       'linux/amd64',
       json_object('ctn_command', 'app serve --port ' || (8000 + i % 100), 'ctn_createdat',
                   '2024-02-03 10:22:15 +0100 CET', 'ctn_id', lower(hex(randomblob(32))), 'ctn_names', 'app-' || i,
                   'ctn_size', '0B', 'ctn_state', 'running', 'ctn_status', 'Up 3 days (healthy)'),
       '4.28.0',
       strftime('%Y-%m-%dT%H:%M:%f000Z', '2024-03-01', '+' || (i % 86400) || ' seconds'),
       strftime('%Y-%m-%dT%H:%M:%f000Z', '2024-06-01', '+' || (i % 86400) || ' seconds', '+0.' || (i % 1000) || ' seconds'),
       10,
       CASE WHEN i % 4 = 0 THEN strftime('%Y-%m-%dT%H:%M:%f000Z', '2024-06-02', '+' || i || ' seconds') END
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO events (id, update_id, received_at, status, digest, payload)
SELECT i,
       1 + (i - 1) / 10,
       strftime('%Y-%m-%dT%H:%M:%f000Z', '2024-03-01', '+' || i || ' seconds'),
       CASE i % 10 WHEN 1 THEN 'new' ELSE 'update' END,
       'sha256:' || lower(hex(randomblob(32))),
       json_object(
           'diun_version', '4.28.0',
           'hostname', 'host-' || (((i - 1) / 10 + 1) % 200) || '.example.internal',
           'status', CASE i % 10 WHEN 1 THEN 'new' ELSE 'update' END,
           'provider', 'docker',
           'image', 'docker.io/library/app-' || ((i - 1) / 10 + 1) || ':latest',
           'hub_link', 'https://hub.docker.com/r/library/app-' || ((i - 1) / 10 + 1),
           'mime_type', 'application/vnd.oci.image.index.v1+json',
           'digest', 'sha256:' || lower(hex(randomblob(32))),
           'created', '2024-02-03T10:22:15.123456789+01:00',
           'platform', 'linux/amd64',
           'metadata', json_object('ctn_command', 'app serve', 'ctn_createdat', '2024-02-03 10:22:15 +0100 CET',
                                   'ctn_id', lower(hex(randomblob(32))), 'ctn_names', 'app', 'ctn_size', '0B',
                                   'ctn_state', 'running', 'ctn_status', 'Up 3 days (healthy)'))
FROM n;

INSERT INTO tag_assignments (update_id, tag_id)
SELECT id, 1 + id % 50 FROM updates WHERE id % 10 < 3;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
INSERT INTO webhook_tokens (id, name, token_hash, created_at, expires_at, last_used_at, revoked_at)
SELECT i, 'diun on host ' || i, lower(hex(randomblob(32))), '2024-01-01T00:00:00.000000Z',
       NULL, '2024-06-01T12:00:00.250000Z', CASE WHEN i = 5 THEN '2024-06-02T00:00:00.000000Z' END
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO audit_log (id, at, actor, action, target, details)
SELECT i, strftime('%Y-%m-%dT%H:%M:%f000Z', '2024-06-01', '+' || i || ' seconds'), 'admin',
       CASE i % 3 WHEN 0 THEN 'acknowledge' WHEN 1 THEN 'tag.assign' ELSE 'update.delete' END,
       'update:' || i, json_object('ids', json_array(i, i + 1), 'count', 2)
FROM n;

-- Deletions: gaps in the ids, and identities that already handed out more than max(id).
DELETE FROM events WHERE id % 1000 = 0;
DELETE FROM audit_log WHERE id > 19990;
UPDATE sqlite_sequence SET seq = seq + 17;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
