package dev.diundashboard.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes coalesce while they wait, and one drainer at a time takes them. */
class WorkTest {

    private final Work work = new Work();

    @Test
    void theFirstChangeStartsTheDrainerAndLaterOnesJoinItsBatch() {
        assertThat(work.update(1, false)).isTrue();
        assertThat(work.update(1, true)).isFalse();
        assertThat(work.update(2, false)).isFalse();
        Work.Batch batch = work.take();
        assertThat(batch.all()).isFalse();
        assertThat(batch.updates()).isEqualTo(Map.of(1L, true, 2L, false));
        assertThat(work.take()).as("the drainer's turn ends").isNull();
        assertThat(work.update(3, false))
                .as("the next change starts a new turn")
                .isTrue();
    }

    @Test
    void theWholeListCoversSingleUpdatesAndTooManyBecomeTheWholeList() {
        work.update(1, true);
        work.all();
        work.update(2, true);
        Work.Batch batch = work.take();
        assertThat(batch.all()).isTrue();
        assertThat(batch.updates()).isEmpty();
        assertThat(work.take()).isNull();

        for (long id = 0; id <= Work.MAX_SINGLE; id++) {
            work.update(id, true);
        }
        assertThat(work.take().all()).isTrue();
    }

    @Test
    void clearedWorkIsGone() {
        work.update(1, true);
        work.online();
        work.clear();
        assertThat(work.take()).isNull();
        assertThat(work.online()).isTrue();
        assertThat(work.take().online()).isTrue();
    }
}
