/**
 * Everything SQLite-specific: its {@code Dialect}, how it opens the file, the EclipseLink platform and the text form of
 * timestamps, the reading of its result codes, the eviction of broken pooled connections and the
 * verified backup before a schema upgrade. The rest of the application sees only {@code storage}.
 */
package dev.diundashboard.storage.sqlite;
