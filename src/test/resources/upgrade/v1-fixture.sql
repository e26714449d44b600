-- A tiny database at schema version 1, with data in every table. SqliteUpgradeTest upgrades it to the
-- latest version and checks that every row and value is still there. Keep this file at V1: it is
-- what a user who installed the first release has on disk.
INSERT INTO tags (id, name, created_at) VALUES
    (1, 'production', '2024-01-01T00:00:00.000000Z'),
    (3, 'caf' || char(233) || ' / cafe' || char(769), '2024-01-02T00:00:00.123456Z');
INSERT INTO updates (id, hostname, image, status, provider, hub_link, mime_type, digest, created, platform,
                     metadata, diun_version, first_seen, last_seen, seen_count, acknowledged_at) VALUES
    (1, 'host-a', 'docker.io/crazymax/diun:latest', 'new', 'docker', 'https://hub.docker.com/r/crazymax/diun',
     'application/vnd.oci.image.index.v1+json', 'sha256:aaa', '2024-02-03T09:22:15.123456Z', 'linux/amd64',
     '{"ctn_names": "diun", "ctn_state": "running"}', '4.28.0', '2024-03-01T00:00:00.000000Z',
     '2024-03-02T00:00:00.000001Z', 2, NULL),
    (4, 'host-b', 'ghcr.io/a/b:1', 'update', NULL, '', NULL, 'sha256:bbb', NULL, NULL, NULL, NULL,
     '2024-03-01T00:00:00.000000Z', '2024-03-01T00:00:00.000000Z', 1, '2024-03-05T00:00:00.000000Z');
INSERT INTO tag_assignments (update_id, tag_id) VALUES (1, 1), (4, 3);
INSERT INTO events (id, update_id, received_at, status, digest, payload) VALUES
    (1, 1, '2024-03-01T00:00:00.000000Z', 'new', 'sha256:aaa',
     '{"image": "docker.io/crazymax/diun:latest", "created": "2024-02-03T10:22:15.123456789+01:00"}'),
    (2, 1, '2024-03-02T00:00:00.000001Z', 'new', 'sha256:aaa', '{"image": "docker.io/crazymax/diun:latest"}'),
    (5, 4, '2024-03-01T00:00:00.000000Z', 'update', 'sha256:bbb', '{"image": "ghcr.io/a/b:1", "n": 1.50}');
INSERT INTO webhook_tokens (id, name, token_hash, created_at, expires_at, last_used_at, revoked_at) VALUES
    (1, 'diun', 'sha256:tokenhash', '2024-01-01T00:00:00.000000Z', NULL, '2024-03-02T00:00:00.000000Z', NULL);
INSERT INTO audit_log (id, at, actor, action, target, details) VALUES
    (1, '2024-03-05T00:00:00.000000Z', 'admin', 'acknowledge', 'update:4', '{"ids": [4]}'),
    (2, '2024-03-05T00:00:01.000000Z', 'admin', 'tag.assign', 'update:1', NULL);
-- Ids handed out and deleted since: the sequences must survive too.
UPDATE sqlite_sequence SET seq = seq + 10;
