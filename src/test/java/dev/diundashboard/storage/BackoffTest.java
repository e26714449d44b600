package dev.diundashboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsOneSecondDoublingToThirtyAndStartsOverAfterASuccess() {
        Backoff backoff = new Backoff();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(backoff.nextMillis());
        }
        assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);

        backoff.reset();

        assertThat(backoff.nextMillis()).isEqualTo(1_000L);
        assertThat(backoff.nextMillis()).isEqualTo(2_000L);
    }
}
