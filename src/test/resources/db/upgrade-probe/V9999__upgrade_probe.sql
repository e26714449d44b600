-- Test only: a migration above every real one, so that an upgrade is always pending in SqliteUpgradeTest.
CREATE TABLE upgrade_probe (id INTEGER PRIMARY KEY) STRICT;
