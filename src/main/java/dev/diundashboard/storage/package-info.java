/**
 * Where the data lives: the server's jdbc/diun or configuration from DATABASE_URL/DB_PATH, the one JTA
 * data source, the active persistence unit, Flyway migrations, and the seam between the shared code
 * and each database. No business rules here, and no web types: refusals are storage's own exceptions,
 * which the platform maps to HTTP.
 *
 * <p>Everything specific to one database lives in its subpackage, {@code storage.sqlite} or {@code
 * storage.postgresql}; this package holds the backend-neutral code and the {@link
 * dev.diundashboard.storage.Dialect} seam. What a third dialect would have to provide:
 *
 * <ol>
 *   <li>a {@link dev.diundashboard.storage.Dialect} subclass: its {@code backend()}, whether it
 *       {@code serializesWrites()}, the upsert and the batch ingest ({@code upsertUpdateSql},
 *       {@code storeAll}), how timestamps and JSON are bound and read ({@code setInstant},
 *       {@code getInstant}, {@code setJson}); where it differs from the defaults: transactions on a
 *       connection of its own ({@code begin}, {@code commit}, {@code rollback}), lost conflicts worth a
 *       retry ({@code isLostConflict}), sharing by several instances with notifications between them
 *       ({@code sharedByInstances}, {@code announce}, {@code listen}, {@code awaitAnnouncements}), lock
 *       order ({@code lockUpdatesInIdOrder}), the prune lock ({@code tryPruneLock}) and folding the
 *       data version ({@code foldDataVersion});
 *   <li>a {@link dev.diundashboard.storage.Backend} constant (the product name the driver reports,
 *       the folder of its migrations) and its Flyway migrations in {@code db/migration/<folder>}, with
 *       the same version numbers as the others;
 *   <li>a persistence unit in {@code META-INF/persistence.xml} with its mapping file {@code
 *       META-INF/orm-<folder>.xml}: the EclipseLink target-database platform (SQLite: {@code
 *       sqlite.SQLitePlatform}), an {@code Instant} converter (SQLite: {@code
 *       sqlite.InstantTextConverter}; PostgreSQL: {@code postgresql.InstantTimestampConverter}) and,
 *       where JSON needs one, a JSON converter ({@code postgresql.JsonbConverter});
 *   <li>the reading of its errors (SQLite: {@code sqlite.SqliteErrors}; PostgreSQL: {@code
 *       postgresql.PostgresErrors}), asked by {@link dev.diundashboard.storage.DatabaseErrors};
 *   <li>its connection settings (SQLite: {@code sqlite.SqliteConnectionSettings}; PostgreSQL: {@code
 *       postgresql.PostgresConnectionSettings}: URL, driver, driver properties, session SQL), its
 *       place and default pool sizes in {@link dev.diundashboard.storage.DatabaseSettings} and, if its connections can break, a pool hook in {@link
 *       dev.diundashboard.storage.DataSourceChoice} (SQLite: {@code sqlite.SqliteConnectionEviction});
 *   <li>its place in {@link dev.diundashboard.storage.DatabaseBinding}, which hands out the active
 *       unit's entity manager and dialect, and any precaution before migrating in {@link
 *       dev.diundashboard.storage.SchemaMigrator} (SQLite: {@code sqlite.SqliteUpgradeBackup});
 *   <li>for the copy tool, a {@code migrate.Database} of its own.
 * </ol>
 */
package dev.diundashboard.storage;
