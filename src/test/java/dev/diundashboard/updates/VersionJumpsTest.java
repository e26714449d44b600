package dev.diundashboard.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diundashboard.updates.VersionJumps.Jump;
import dev.diundashboard.updates.VersionJumps.Member;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionJumpsTest {

    private static final String NGINX = "docker.io/library/nginx:";

    @Test
    void aWatchRepoSeriesMovesEachVersionFromTheHighestLowerOneWhateverTheOrderOfArrival() {
        List<Member> members = new ArrayList<>(List.of(
                member(1, NGINX + "1.27.2"),
                member(2, NGINX + "1.27.3"),
                member(3, NGINX + "1.28.0"),
                member(4, NGINX + "2.0.0"),
                member(5, NGINX + "1.27.1")));
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(members, new Random(seed));
            Map<Long, Jump> jumps = VersionJumps.classify(members);
            assertThat(jumps.get(5L)).isEqualTo(Jump.NONE);
            assertThat(jumps.get(1L)).isEqualTo(new Jump("1.27.1", "patch"));
            assertThat(jumps.get(2L)).isEqualTo(new Jump("1.27.2", "patch"));
            assertThat(jumps.get(3L)).isEqualTo(new Jump("1.27.3", "minor"));
            assertThat(jumps.get(4L)).isEqualTo(new Jump("1.28.0", "major"));
        }
    }

    @Test
    void onlyVersionsOfTheSameShapeAreWeighedAgainstEachOther() {
        Map<Long, Jump> jumps = VersionJumps.classify(List.of(
                member(1, NGINX + "1.27"),
                member(2, NGINX + "1.27.3"),
                member(3, NGINX + "1.27.4-alpine"),
                member(4, NGINX + "1.27.3-alpine"),
                member(5, NGINX + "v1.27.5"),
                member(6, NGINX + "1.28")));
        assertThat(jumps.get(2L)).as("1.27 has fewer parts").isEqualTo(Jump.NONE);
        assertThat(jumps.get(3L)).isEqualTo(new Jump("1.27.3-alpine", "patch"));
        assertThat(jumps.get(5L)).as("another prefix").isEqualTo(Jump.NONE);
        assertThat(jumps.get(6L)).isEqualTo(new Jump("1.27", "minor"));
    }

    @Test
    void aTagWithoutALowerVersionIsADigestUpdateWhenItsDigestChanged() {
        Map<Long, Jump> jumps = VersionJumps.classify(List.of(
                new Member(1, NGINX + "latest", "sha256:old"),
                new Member(2, NGINX + "stable", null),
                new Member(3, NGINX + "1.27.3", "sha256:rebuilt")));
        assertThat(jumps.get(1L)).isEqualTo(new Jump(null, "digest"));
        assertThat(jumps.get(2L)).isEqualTo(Jump.NONE);
        assertThat(jumps.get(3L)).isEqualTo(new Jump(null, "digest"));
    }

    @Test
    void aLinuxserverBuildOfTheSameVersionIsOther() {
        String sonarr = "lscr.io/linuxserver/sonarr:";
        Map<Long, Jump> jumps = VersionJumps.classify(List.of(
                member(1, sonarr + "4.0.10.2544-ls250"),
                member(2, sonarr + "4.0.10.2544-ls251"),
                member(3, sonarr + "4.0.11.2680-ls252")));
        assertThat(jumps.get(2L)).isEqualTo(new Jump("4.0.10.2544-ls250", "other"));
        assertThat(jumps.get(3L)).isEqualTo(new Jump("4.0.10.2544-ls251", "patch"));
    }

    @ParameterizedTest
    @CsvSource({
        "docker.io/library/nginx:1.27.3, docker.io/library/nginx, 1.27.3",
        "docker.io/library/nginx, docker.io/library/nginx, latest",
        "localhost:5000/team/app:2.0, localhost:5000/team/app, 2.0",
        "localhost:5000/team/app, localhost:5000/team/app, latest",
        "docker.io/library/redis:7.2@sha256:abc, docker.io/library/redis, 7.2",
        "ghcr.io/owner/app@sha256:abc, ghcr.io/owner/app, latest"
    })
    void theRepositoryAndTagOfAStoredImageName(String image, String repository, String tag) {
        assertThat(VersionJumps.repositoryOf(image)).isEqualTo(repository);
        assertThat(VersionJumps.tagOf(image)).isEqualTo(tag);
    }

    @Test
    void theApiShowsTheJumpOrNothing() {
        assertThat(VersionJump.of(NGINX + "1.27.3", "1.27.2", "patch"))
                .isEqualTo(new VersionJump("1.27.2", "1.27.3", "patch"));
        assertThat(VersionJump.of(NGINX + "latest", null, "digest"))
                .isEqualTo(new VersionJump("latest", "latest", "digest"));
        assertThat(VersionJump.of(NGINX + "latest", null, null)).isNull();
    }

    private static Member member(long id, String image) {
        return new Member(id, image, null);
    }
}
