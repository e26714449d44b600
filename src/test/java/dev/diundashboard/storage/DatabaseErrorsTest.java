package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.storage.sqlite.SqliteErrors;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DatabaseErrorsTest {

    private static SQLiteException sqlite(SQLiteErrorCode code) {
        return new SQLiteException(code.message, code);
    }

    @Test
    void postgresqlConnectionStatesAndPoolTimeoutsMeanUnavailable() {
        assertThat(DatabaseErrors.isUnavailable(new SQLException("refused", "08001")))
                .isTrue();
        assertThat(DatabaseErrors.isUnavailable(new SQLException("admin shutdown", "57P01")))
                .isTrue();
        assertThat(DatabaseErrors.isUnavailable(new SQLTransientConnectionException("pool timeout")))
                .isTrue();
        assertThat(DatabaseErrors.isUnavailable(new SQLException("syntax", "42601")))
                .isFalse();
    }

    @Test
    void postgresqlStatesThatMeanRetryLaterAreUnavailable() {
        for (String state : new String[] {
            "40P01", // deadlock
            "40001", // serialization failure
            "25006", // read-only transaction: a replica after a failover
            "53300", // too many connections
            "53100", // disk full
            "57P01", // admin shutdown
            "57P02", // crash shutdown
            "57P03", // cannot connect now (starting up)
            "57014", // statement timeout
            "55P03", // lock timeout
            "08006" // connection failure
        }) {
            assertThat(DatabaseErrors.isUnavailable(new SQLException("transient", state)))
                    .as(state)
                    .isTrue();
        }
    }

    @Test
    void postgresqlStatesThatNoRetryFixesAreNotUnavailable() {
        for (String state : new String[] {
            "42601", // syntax error
            "42P01", // undefined table
            "22001", // string too long
            "22021", // invalid byte sequence
            "23505", // unique violation
            "40002", // integrity violation at commit
            "XX000", // internal error
            "25P02" // in failed transaction
        }) {
            assertThat(DatabaseErrors.isUnavailable(new SQLException("permanent", state)))
                    .as(state)
                    .isFalse();
        }
        assertThat(DatabaseErrors.isUnavailable(new SQLException("no state"))).isFalse();
    }

    @Test
    void sqliteWriteFailuresMeanUnavailableAndBreakTheConnection() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {
            SQLiteErrorCode.SQLITE_READONLY,
            SQLiteErrorCode.SQLITE_IOERR_WRITE,
            SQLiteErrorCode.SQLITE_FULL,
            SQLiteErrorCode.SQLITE_CANTOPEN,
            SQLiteErrorCode.SQLITE_CORRUPT
        }) {
            assertThat(DatabaseErrors.isUnavailable(sqlite(code)))
                    .as(code.name())
                    .isTrue();
            assertThat(SqliteErrors.isBrokenConnection(sqlite(code)))
                    .as(code.name())
                    .isTrue();
        }
        SQLiteException noTransaction =
                new SQLiteException("cannot commit - no transaction is active", SQLiteErrorCode.SQLITE_ERROR);
        assertThat(SqliteErrors.isBrokenConnection(noTransaction)).isTrue();
    }

    @Test
    void busyIsUnavailableButKeepsTheConnection() {
        assertThat(DatabaseErrors.isUnavailable(sqlite(SQLiteErrorCode.SQLITE_BUSY)))
                .isTrue();
        assertThat(SqliteErrors.isBrokenConnection(sqlite(SQLiteErrorCode.SQLITE_BUSY)))
                .isFalse();
    }

    @Test
    void constraintViolationsOnBothDialects() {
        assertThat(DatabaseErrors.isConstraintViolation(new SQLException("duplicate key", "23505")))
                .isTrue();
        assertThat(DatabaseErrors.isConstraintViolation(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)))
                .isTrue();
        assertThat(SqliteErrors.isBrokenConnection(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)))
                .isFalse();
        assertThat(DatabaseErrors.isUnavailable(sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)))
                .isFalse();
    }

    @Test
    void theChainIsSearched() {
        Exception wrapped = new RuntimeException(new IllegalStateException(sqlite(SQLiteErrorCode.SQLITE_FULL)));
        assertThat(DatabaseErrors.anyInChain(wrapped, DatabaseErrors::isUnavailable))
                .isTrue();
        assertThat(DatabaseErrors.anyInChain(new RuntimeException("no SQL"), DatabaseErrors::isUnavailable))
                .isFalse();
    }
}
