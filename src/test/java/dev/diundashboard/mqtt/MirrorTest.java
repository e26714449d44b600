package dev.diundashboard.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is published so that the broker holds exactly the pending updates. */
class MirrorTest {

    private final Topics topics = new Topics("ha");
    private final Mirror mirror = new Mirror(topics);

    private static UpdateEntity entity(long id, String version) {
        return new UpdateEntity(id, "{\"config\":" + id + "}", "{\"v\":\"" + version + "\"}");
    }

    @Test
    void theFirstSyncPublishesAllAndTheNextOnlyWhatChangedAndRemovesWhatIsNoLongerPending() {
        assertThat(mirror.syncAll(List.of(entity(1, "a"), entity(2, "a"))))
                .extracting(Message::topic)
                .containsExactly(
                        "ha/update/diun_dashboard/1/config",
                        "ha/update/diun_dashboard/1/state",
                        "ha/update/diun_dashboard/2/config",
                        "ha/update/diun_dashboard/2/state");

        assertThat(mirror.syncAll(List.of(entity(1, "b"), entity(3, "a"))))
                .containsExactly(
                        new Message("ha/update/diun_dashboard/1/state", "{\"v\":\"b\"}"),
                        new Message("ha/update/diun_dashboard/3/config", "{\"config\":3}"),
                        new Message("ha/update/diun_dashboard/3/state", "{\"v\":\"a\"}"),
                        new Message("ha/update/diun_dashboard/2/config", ""),
                        new Message("ha/update/diun_dashboard/2/state", ""));
        assertThat(mirror.size()).isEqualTo(2);
    }

    @Test
    void aChangeOfThisInstanceRemovesEvenWhatItDoesNotKnowOfAndAnotherOnlyWhatItKnows() {
        assertThat(mirror.sync(7, Optional.empty(), true))
                .containsExactly(
                        new Message("ha/update/diun_dashboard/7/config", ""),
                        new Message("ha/update/diun_dashboard/7/state", ""));
        assertThat(mirror.sync(7, Optional.empty(), false)).isEmpty();
        assertThat(mirror.sync(7, Optional.of(entity(7, "a")), false)).hasSize(2);
        assertThat(mirror.sync(7, Optional.of(entity(7, "a")), true))
                .as("already there")
                .isEmpty();
        assertThat(mirror.sync(7, Optional.empty(), false)).hasSize(2);
    }

    @Test
    void whatTheBrokerSendsIsLearnedAndOnlyNewsAskForACheck() {
        mirror.syncAll(List.of(entity(1, "a")));
        assertThat(mirror.seen("ha/update/diun_dashboard/1/config", "{\"config\":1}"))
                .as("confirms what was published")
                .isEmpty();
        assertThat(mirror.seen("ha/update/diun_dashboard/9/config", "{\"config\":9}"))
                .as("a retained entity this instance did not publish")
                .contains(9L);
        assertThat(mirror.seen("ha/update/diun_dashboard/9/state", "{}")).contains(9L);
        assertThat(mirror.sync(9, Optional.empty(), false))
                .as("not pending: removed")
                .hasSize(2);

        assertThat(mirror.seen("ha/update/diun_dashboard/1/state", ""))
                .as("another instance removed it")
                .contains(1L);
        assertThat(mirror.seen("ha/update/diun_dashboard/availability", "offline"))
                .isEmpty();
        assertThat(mirror.seen("ha/update/diun_dashboard/x/config", "{}")).isEmpty();
        assertThat(mirror.seen("other/update/diun_dashboard/1/config", "{}")).isEmpty();
    }

    @Test
    void afterForgettingEverythingIsPublishedAgain() {
        mirror.syncAll(List.of(entity(1, "a")));
        mirror.forget();
        assertThat(mirror.syncAll(List.of(entity(1, "a")))).hasSize(2);
    }
}
