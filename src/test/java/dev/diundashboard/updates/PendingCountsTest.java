package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.diundashboard.versions.VersionClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingCountsTest {

    @Test
    void countsAddUpPerHostStackAndClassWhereKnown() {
        PendingCounts counts = PendingCounts.of(
                List.of(
                        new PendingGroup("nas", "media", "patch", 3),
                        new PendingGroup("nas", null, "digest", 2),
                        new PendingGroup("pi", "media", null, 1),
                        new PendingGroup("pi", "dns", "a class from a newer version", 4)),
                50);

        assertThat(counts.total()).isEqualTo(10);
        assertThat(counts.byHost()).containsOnly(entry("nas", 5L), entry("pi", 5L), entry(PendingCounts.OTHERS, 0L));
        assertThat(counts.byStack())
                .as("no stack: in the total and per host only")
                .containsOnly(entry("media", 4L), entry("dns", 4L), entry(PendingCounts.OTHERS, 0L));
        assertThat(counts.byClass())
                .containsOnly(
                        entry(VersionClass.MAJOR, 0L),
                        entry(VersionClass.MINOR, 0L),
                        entry(VersionClass.PATCH, 3L),
                        entry(VersionClass.DIGEST, 2L),
                        entry(VersionClass.OTHER, 0L));
    }

    @Test
    void nothingPendingStillHasEveryClassAndTheOthersAtZero() {
        assertThat(PendingCounts.NONE.total()).isZero();
        assertThat(PendingCounts.NONE.byHost()).containsOnly(entry(PendingCounts.OTHERS, 0L));
        assertThat(PendingCounts.NONE.byStack()).containsOnly(entry(PendingCounts.OTHERS, 0L));
        assertThat(PendingCounts.NONE.byClass())
                .hasSize(VersionClass.values().length)
                .allSatisfy((c, n) -> assertThat(n).isZero());
    }

    @Test
    void pastTheBoundTheLargestKeepTheirLabelsAndTheRestAreSummed() {
        Map<String, Long> bounded = PendingCounts.bounded(Map.of("a", 1L, "b", 7L, "c", 3L, "d", 3L, "e", 2L), 3);

        assertThat(bounded)
                .as("largest first, ties by name")
                .containsExactly(entry("b", 7L), entry("c", 3L), entry("d", 3L), entry(PendingCounts.OTHERS, 3L));
    }

    @Test
    void theDefaultBoundKeepsFiftyHostsAndTheirSumIsTheTotal() {
        List<PendingGroup> groups = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            groups.add(new PendingGroup("host-" + i, "stack-" + i, "minor", 1 + i % 7));
        }

        PendingCounts counts = PendingCounts.of(groups, PendingCounts.MAX_LABELS);

        assertThat(counts.byHost()).hasSize(51);
        assertThat(counts.byStack()).hasSize(51);
        assertThat(counts.byHost().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(counts.total());
        assertThat(counts.byHost().get(PendingCounts.OTHERS)).isPositive();
    }

    @Test
    void controlCharactersInALabelBecomeSpacesAndMerge() {
        PendingCounts counts = PendingCounts.of(
                List.of(
                        new PendingGroup("nas", "media\nprod", null, 1),
                        new PendingGroup("nas", "media\tprod", null, 2),
                        new PendingGroup("nas", "say \"hi\" \\ there", null, 1)),
                50);

        assertThat(counts.byStack())
                .containsOnly(
                        entry("media prod", 3L), entry("say \"hi\" \\ there", 1L), entry(PendingCounts.OTHERS, 0L));
    }
}
