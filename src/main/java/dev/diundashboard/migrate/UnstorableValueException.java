package dev.diundashboard.migrate;

/** A value the target cannot store exactly; the copy stops rather than alter it. */
class UnstorableValueException extends MigrationException {

    UnstorableValueException(String table, Object key, String column, String problem) {
        super(
                ExitCodes.UNSTORABLE,
                "table " + table + ", row " + key + (column == null ? "" : ", column " + column) + ": " + problem);
    }
}
