package dev.diundashboard.storage.sqlite;

import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.expressions.ExpressionSQLPrinter;
import org.eclipse.persistence.internal.expressions.SQLSelectStatement;
import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.eclipse.persistence.queries.ValueReadQuery;

/**
 * EclipseLink has no SQLite platform. The generic one turns IDENTITY into a sequence table and pages
 * in memory; this one reads generated keys with last_insert_rowid() and pages with LIMIT/OFFSET.
 * Flyway owns the DDL and timestamps go through converters, so nothing else is needed.
 */
public class SQLitePlatform extends DatabasePlatform {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean supportsIdentity() {
        return true;
    }

    @Override
    public ValueReadQuery buildSelectQueryForIdentity() {
        return new ValueReadQuery("SELECT last_insert_rowid()");
    }

    @Override
    public boolean shouldUseJDBCOuterJoinSyntax() {
        return false;
    }

    @Override
    public boolean supportsSequenceObjects() {
        return false;
    }

    @Override
    public boolean supportsForeignKeyConstraints() {
        return true;
    }

    @Override
    public int computeMaxRowsForSQL(int firstResultIndex, int maxResults) {
        return maxResults - Math.max(firstResultIndex, 0);
    }

    @Override
    public void printSQLSelectStatement(DatabaseCall call, ExpressionSQLPrinter printer, SQLSelectStatement statement) {
        int max = statement.getQuery() == null ? 0 : statement.getQuery().getMaxRows();
        int first = statement.getQuery() == null ? 0 : statement.getQuery().getFirstResult();
        if (max <= 0 && first <= 0) {
            super.printSQLSelectStatement(call, printer, statement);
            return;
        }
        statement.setUseUniqueFieldAliases(true);
        call.setFields(statement.printSQL(printer));
        if (max > 0) {
            printer.printString(" LIMIT ");
            printer.printParameter(DatabaseCall.MAXROW_FIELD);
        } else {
            printer.printString(" LIMIT -1");
        }
        printer.printString(" OFFSET ");
        printer.printParameter(DatabaseCall.FIRSTRESULT_FIELD);
        call.setIgnoreFirstRowSetting(true);
        call.setIgnoreMaxResultsSetting(true);
    }
}
