package dev.diundashboard.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diundashboard.observe.DeliveryMetrics.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.junit.jupiter.api.Test;

/**
 * The outbox's counters without a server: a counter here is a plain count, since MicroProfile
 * Metrics has no registry outside the app server; the contract suite reads the real series.
 */
class DeliveryMetricsTest {

    /** A counter that only counts. */
    static final class Count implements Counter {
        long n;

        @Override
        public void inc() {
            n++;
        }

        @Override
        public void inc(long by) {
            n += by;
        }

        @Override
        public long getCount() {
            return n;
        }
    }

    private final List<String> made = new ArrayList<>();
    private final Map<Outcome, Map<String, Counter>> counters = DeliveryMetrics.create((outcome, type) -> {
        made.add(outcome.metric + "{channel_type=" + type + "}");
        return new Count();
    });

    @Test
    void everyOutcomeOfEveryChannelTypeIsMadeAtOnce() {
        assertThat(made)
                .hasSize(18)
                .doesNotHaveDuplicates()
                .contains(
                        "diun.outbox.sent{channel_type=ntfy}",
                        "diun.outbox.retried{channel_type=email}",
                        "diun.outbox.failed{channel_type=webhook}");
        assertThat(counters.values())
                .allSatisfy(byType -> assertThat(byType.values())
                        .allSatisfy(c -> assertThat(c.getCount()).isZero()));
    }

    @Test
    void recordCountsOneAttemptOnItsOwnSeries() {
        DeliveryMetrics metrics = new DeliveryMetrics();
        metrics.use(counters);

        metrics.record("gotify", Outcome.RETRIED);
        metrics.record("gotify", Outcome.RETRIED);
        metrics.record("gotify", Outcome.SENT);

        assertThat(counters.get(Outcome.RETRIED).get("gotify").getCount()).isEqualTo(2);
        assertThat(counters.get(Outcome.SENT).get("gotify").getCount()).isEqualTo(1);
        long all = counters.values().stream()
                .flatMap(byType -> byType.values().stream())
                .mapToLong(Counter::getCount)
                .sum();
        assertThat(all).as("no other series moved").isEqualTo(3);
    }

    @Test
    void anUnknownChannelTypeIsRefusedNotCountedSomewhere() {
        DeliveryMetrics metrics = new DeliveryMetrics();
        metrics.use(counters);

        assertThatThrownBy(() -> metrics.record("Ntfy", Outcome.SENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Ntfy'")
                .hasMessageContaining("ntfy, gotify, discord, slack, email, webhook");
        assertThatThrownBy(() -> metrics.record(null, Outcome.SENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.record("ntfy", null)).isInstanceOf(NullPointerException.class);
    }
}
