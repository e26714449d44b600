package dev.diundashboard.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlowQueryLogTest {

    private final List<LogRecord> records = new ArrayList<>();
    private final List<String> counted = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        SlowQueryLog.LOG.addHandler(capture);
    }

    @AfterEach
    void stop() {
        SlowQueryLog.LOG.removeHandler(capture);
    }

    @Test
    void statementsAtOrOverTheThresholdAreLoggedWithNameAndDurationAndCounted() {
        SlowQueryLog log = new SlowQueryLog(500, counted::add);

        boolean fast = log.observe("UpdateQueries.list", TimeUnit.MILLISECONDS.toNanos(499));
        boolean slow = log.observe("UpdatesStore.record", TimeUnit.MICROSECONDS.toNanos(734_250));

        assertThat(fast).isFalse();
        assertThat(slow).isTrue();
        assertThat(counted).containsExactly("UpdatesStore.record");
        assertThat(records).hasSize(1);
        String message = records.get(0).getMessage();
        assertThat(message).isEqualTo("slow query: UpdatesStore.record took 734.3 ms (SLOW_QUERY_MS=500)");
        assertThat(records.get(0).getParameters()).isNull();
    }

    @Test
    void aNegativeThresholdLogsEveryStatement() {
        SlowQueryLog log = new SlowQueryLog(-1, counted::add);

        assertThat(log.observe("TagsStore.list", 1)).isTrue();
        assertThat(counted).containsExactly("TagsStore.list");
    }
}
