/** Where the data lives: the server's jdbc/diun or configuration from DATABASE_URL/DB_PATH, the one JTA data source, the active persistence unit, Flyway migrations and the per-dialect SQL. No business rules here. */
package dev.diundashboard.storage;
