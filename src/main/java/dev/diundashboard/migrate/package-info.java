/**
 * The copy tool ({@code java -jar target/diun-migrate.jar --from ... --to ...}): moves every row between
 * a SQLite file and PostgreSQL in either direction, resumable, then proves the copy with per-table
 * checksums. Not part of the WAR; the app itself never calls it.
 */
package dev.diundashboard.migrate;
