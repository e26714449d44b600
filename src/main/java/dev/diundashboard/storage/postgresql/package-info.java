/**
 * Everything PostgreSQL-specific: its {@code Dialect} (the batch upsert, LISTEN/NOTIFY, advisory and
 * row locks), how it connects (the URL, timeouts), the timestamptz and jsonb converters and the reading of its SQLSTATEs. The rest of the
 * application sees only {@code storage}.
 */
package dev.diundashboard.storage.postgresql;
