package dev.diundashboard.storage;

import java.io.PrintWriter;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** What every DataSource must carry but ours do not use: the log writer and the login timeout. */
abstract class DataSourcePlumbing implements DataSource {

    private PrintWriter logWriter;
    private int loginTimeout;

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(DataSourcePlumbing.class.getPackageName());
    }
}
