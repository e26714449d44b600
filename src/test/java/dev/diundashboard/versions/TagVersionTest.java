package dev.diundashboard.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real tags from Docker Hub, GHCR, lscr.io, Quay and registry.k8s.io, and how they read as versions. */
class TagVersionTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # tag                        | version | prefix   | parts          | suffix          | shape           | precision | moving
            1.27.3                       | true    | ''       | 1 27 3         | ''              | ''              | 3 | false
            1.27                         | true    | ''       | 1 27           | ''              | ''              | 2 | false
            1                            | true    | ''       | 1              | ''              | ''              | 1 | true
            10                           | true    | ''       | 10             | ''              | ''              | 1 | true
            16                           | true    | ''       | 16             | ''              | ''              | 1 | true
            1.27.3-alpine                | true    | ''       | 1 27 3         | -alpine         | -alpine         | 3 | false
            1.27.3-alpine-slim           | true    | ''       | 1 27 3         | -alpine-slim    | -alpine-slim    | 3 | false
            1.27-alpine3.20              | true    | ''       | 1 27           | -alpine3.20     | -alpine#.#      | 2 | false
            16.4-alpine                  | true    | ''       | 16 4           | -alpine         | -alpine         | 2 | false
            16-alpine                    | true    | ''       | 16             | -alpine         | -alpine         | 1 | true
            16-bookworm                  | true    | ''       | 16             | -bookworm       | -bookworm       | 1 | true
            22-jdk                       | true    | ''       | 22             | -jdk            | -jdk            | 1 | true
            v2.1.0-rc.1                  | true    | v        | 2 1 0          | -rc.1           | -rc.#           | 3 | false
            v1.31.2                      | true    | v        | 1 31 2         | ''              | ''              | 3 | false
            v1.11.3                      | true    | v        | 1 11 3         | ''              | ''              | 3 | false
            v0.36.0                      | true    | v        | 0 36 0         | ''              | ''              | 3 | false
            v1.8.2                       | true    | v        | 1 8 2          | ''              | ''              | 3 | false
            V1.2                         | true    | V        | 1 2            | ''              | ''              | 2 | false
            4.0.10.2544-ls250            | true    | ''       | 4 0 10 2544    | -ls250          | -ls#            | 4 | false
            version-4.0.10.2544          | true    | version- | 4 0 10 2544    | ''              | ''              | 4 | false
            1.2.3-ls12                   | true    | ''       | 1 2 3          | -ls12           | -ls#            | 3 | false
            release-1.4.2                | true    | release- | 1 4 2          | ''              | ''              | 3 | false
            2024.11.2                    | true    | ''       | 2024 11 2      | ''              | ''              | 3 | false
            2024.11                      | true    | ''       | 2024 11        | ''              | ''              | 2 | false
            24.04                        | true    | ''       | 24 4           | ''              | ''              | 2 | false
            3.20.3                       | true    | ''       | 3 20 3         | ''              | ''              | 3 | false
            3.10                         | true    | ''       | 3 10           | ''              | ''              | 2 | false
            8.0.401-bookworm-slim        | true    | ''       | 8 0 401        | -bookworm-slim  | -bookworm-slim  | 3 | false
            3.12.7-slim-bookworm         | true    | ''       | 3 12 7         | -slim-bookworm  | -slim-bookworm  | 3 | false
            17.0.13_11-jre-jammy         | true    | ''       | 17 0 13        | _11-jre-jammy   | _#-jre-jammy    | 3 | false
            1.4.2-r0                     | true    | ''       | 1 4 2          | -r0             | -r#             | 3 | false
            2.46.0-debian-12-r0          | true    | ''       | 2 46 0         | -debian-12-r0   | -debian-#-r#    | 3 | false
            7.2.5-alpine3.20             | true    | ''       | 7 2 5          | -alpine3.20     | -alpine#.#      | 3 | false
            20.18.0-alpine3.20           | true    | ''       | 20 18 0        | -alpine3.20     | -alpine#.#      | 3 | false
            11.5.2-ubi9                  | true    | ''       | 11 5 2         | -ubi9           | -ubi#           | 3 | false
            0.123.0                      | true    | ''       | 0 123 0        | ''              | ''              | 3 | false
            1.0.0-beta.3                 | true    | ''       | 1 0 0          | -beta.3         | -beta.#         | 3 | false
            5.0.0-rc2                    | true    | ''       | 5 0 0          | -rc2            | -rc#            | 3 | false
            3.13.0-management            | true    | ''       | 3 13 0         | -management     | -management     | 3 | false
            1.25.5-perl                  | true    | ''       | 1 25 5         | -perl           | -perl           | 3 | false
            8.3-fpm-alpine               | true    | ''       | 8 3            | -fpm-alpine     | -fpm-alpine     | 2 | false
            3.5.15-0                     | true    | ''       | 3 5 15         | -0              | -#              | 3 | false
            1.0.0+build.5                | true    | ''       | 1 0 0          | +build.5        | +build.#        | 3 | false
            1.x                          | true    | ''       | 1              | .x              | .x              | 1 | true
            1234567                      | true    | ''       | 1234567        | ''              | ''              | 1 | true
            latest                       | false   | ''       | ''             | ''              | ''              | 0 | true
            stable                       | false   | ''       | ''             | ''              | ''              | 0 | true
            stable-alpine                | false   | ''       | ''             | ''              | ''              | 0 | true
            mainline                     | false   | ''       | ''             | ''              | ''              | 0 | true
            mainline-alpine3.20-perl     | false   | ''       | ''             | ''              | ''              | 0 | true
            lts                          | false   | ''       | ''             | ''              | ''              | 0 | true
            lts-alpine                   | false   | ''       | ''             | ''              | ''              | 0 | true
            edge                         | false   | ''       | ''             | ''              | ''              | 0 | true
            nightly                      | false   | ''       | ''             | ''              | ''              | 0 | true
            develop                      | false   | ''       | ''             | ''              | ''              | 0 | true
            main                         | false   | ''       | ''             | ''              | ''              | 0 | true
            bookworm                     | false   | ''       | ''             | ''              | ''              | 0 | true
            alpine3.20                   | false   | ''       | ''             | ''              | ''              | 0 | true
            noble-20241015               | false   | ''       | ''             | ''              | ''              | 0 | true
            jammy-20240911.1             | false   | ''       | ''             | ''              | ''              | 0 | true
            sha-1a2b3c4                  | false   | ''       | ''             | ''              | ''              | 0 | true
            2f8e3c1                      | false   | ''       | ''             | ''              | ''              | 0 | true
            pr-1234                      | false   | ''       | ''             | ''              | ''              | 0 | true
            RELEASE.2024-10-13T13-34-11Z | false   | ''       | ''             | ''              | ''              | 0 | true
            v                            | false   | ''       | ''             | ''              | ''              | 0 | true
            version-                     | false   | ''       | ''             | ''              | ''              | 0 | true
            vnext                        | false   | ''       | ''             | ''              | ''              | 0 | true
            1.2.3.                       | false   | ''       | ''             | ''              | ''              | 0 | true
            1..2                         | false   | ''       | ''             | ''              | ''              | 0 | true
            1.0-                         | false   | ''       | ''             | ''              | ''              | 0 | true
            1.0-al/pine                  | false   | ''       | ''             | ''              | ''              | 0 | true
            ' 1.0'                       | false   | ''       | ''             | ''              | ''              | 0 | true
            ''                           | false   | ''       | ''             | ''              | ''              | 0 | true
            12345678901234567890         | false   | ''       | ''             | ''              | ''              | 0 | true
            1.0-ls12345678901234567890   | false   | ''       | ''             | ''              | ''              | 0 | true
            """)
    void readsRealTags(
            String tag,
            boolean version,
            String prefix,
            String parts,
            String suffix,
            String shape,
            int precision,
            boolean moving) {
        TagVersion parsed = TagVersion.parse(tag);
        assertThat(parsed.isVersion()).as("is a version").isEqualTo(version);
        assertThat(parsed.prefix()).as("prefix").isEqualTo(prefix);
        assertThat(parsed.parts()).as("parts").isEqualTo(numbers(parts));
        assertThat(parsed.suffix()).as("suffix").isEqualTo(suffix);
        assertThat(parsed.suffixShape()).as("suffix shape").isEqualTo(shape);
        assertThat(parsed.precision()).as("precision").isEqualTo(precision);
        assertThat(parsed.isMoving()).as("moving").isEqualTo(moving);
        assertThat(parsed.toString()).as("round trip").isEqualTo(tag);
        if (version) {
            assertThat(parsed.prefix() + parsed.core() + parsed.suffix()).isEqualTo(tag);
            assertThat(parsed.core()).matches("[0-9]+(\\.[0-9]+)*");
        } else {
            assertThat(parsed.core()).isEmpty();
            assertThat(parsed.suffixNumbers()).isEmpty();
        }
    }

    private static List<Long> numbers(String spaced) {
        return spaced.isEmpty()
                ? List.of()
                : Arrays.stream(spaced.split(" ")).map(Long::valueOf).collect(Collectors.toList());
    }

    @Test
    void digestPinnedReferenceReadsItsTag() {
        ImageReference redis = ImageReference.parse(
                        "docker.io/library/redis:7.2@sha256:" + "0123456789abcdef".repeat(4))
                .orElseThrow();
        TagVersion tag = TagVersion.parse(redis.tag());
        assertThat(tag.isVersion()).isTrue();
        assertThat(tag.parts()).containsExactly(7L, 2L);
        assertThat(tag).hasToString("7.2");
    }

    @Test
    void suffixNumbersAreTheDigitRunsOfTheSuffix() {
        assertThat(TagVersion.parse("7.2.5-alpine3.20").suffixNumbers()).containsExactly(3L, 20L);
        assertThat(TagVersion.parse("4.0.10.2544-ls250").suffixNumbers()).containsExactly(250L);
        assertThat(TagVersion.parse("2.46.0-debian-12-r0").suffixNumbers()).containsExactly(12L, 0L);
        assertThat(TagVersion.parse("17.0.13_11-jre-jammy").suffixNumbers()).containsExactly(11L);
        assertThat(TagVersion.parse("1.27.3").suffixNumbers()).isEmpty();
        assertThat(TagVersion.parse("version-4.0.10.2544").core()).isEqualTo("4.0.10.2544");
        assertThat(TagVersion.parse("24.04").core()).isEqualTo("24.04");
    }

    @Test
    void movingDependsOnTheRepositorysUsualPrecision() {
        assertThat(TagVersion.parse("1.27").isMoving(3)).isTrue();
        assertThat(TagVersion.parse("1.27.3").isMoving(3)).isFalse();
        assertThat(TagVersion.parse("16").isMoving(1)).isFalse();
        assertThat(TagVersion.parse("latest").isMoving(0)).isTrue();
    }

    @Test
    void nullIsRefusedAndArbitraryTextNeverThrows() {
        assertThatThrownBy(() -> TagVersion.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tag must not be null");
        assertThat(TagVersion.parse("1" + ".1".repeat(63)).precision()).isEqualTo(64);
        assertThat(TagVersion.parse("1" + ".1".repeat(64)).isVersion())
                .as("over 128 characters")
                .isFalse();
        Random random = new Random(7);
        String alphabet = "0123456789.-_+~vVaZ@:/ \u00e9\ud83d\ude00";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            TagVersion parsed = TagVersion.parse(b.toString());
            assertThat(parsed).hasToString(b.toString());
            if (parsed.isVersion()) {
                assertThat(parsed.prefix() + parsed.core() + parsed.suffix()).isEqualTo(b.toString());
            }
        }
    }

    @Test
    void comparableOnlyWithSamePrefixPrecisionAndSuffixShape() {
        assertComparable("1.27.2", "1.27.3", true);
        assertComparable("4.0.10.2544-ls250", "4.0.11.2600-ls251", true);
        assertComparable("7.2.5-alpine3.20", "7.2.6-alpine3.21", true);
        assertComparable("v2.1.0-rc.1", "v2.1.0-rc.2", true);
        assertComparable("17.0.13_11-jre-jammy", "17.0.14_7-jre-jammy", true);
        assertComparable("1.27", "1.27.3", false);
        assertComparable("v1.2", "1.3", false);
        assertComparable("16.4-alpine", "16.4-bookworm", false);
        assertComparable("16.4-alpine", "16.4-alpine3.20", false);
        assertComparable("1.0.0-rc.1", "1.0.0", false);
        assertComparable("version-4.0.10.2544", "4.0.10.2544-ls250", false);
        assertComparable("latest", "latest", false);
        assertComparable("latest", "1.27.3", false);
        assertThat(TagVersion.parse("1.0.0").comparableWith(null)).isFalse();
    }

    private static void assertComparable(String a, String b, boolean expected) {
        TagVersion x = TagVersion.parse(a);
        TagVersion y = TagVersion.parse(b);
        assertThat(x.comparableWith(y)).as(a + " vs " + b).isEqualTo(expected);
        assertThat(y.comparableWith(x)).as(b + " vs " + a).isEqualTo(expected);
        if (!expected) {
            assertThatThrownBy(() -> x.compareTo(y))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not comparable");
            assertThat(x.isNewerThan(y)).isFalse();
            assertThat(y.isNewerThan(x)).isFalse();
        }
    }

    @Test
    void ordersByNumberNotByText() {
        assertThat(TagVersion.parse("1.10.0")).isGreaterThan(TagVersion.parse("1.9.0"));
        assertThat(TagVersion.parse("1.10.0").isNewerThan(TagVersion.parse("1.9.0")))
                .isTrue();
        assertThat(TagVersion.parse("1.9.0").isNewerThan(TagVersion.parse("1.10.0")))
                .isFalse();
        assertThat(TagVersion.parse("v2.1.0-rc.2")).isGreaterThan(TagVersion.parse("v2.1.0-rc.1"));
        assertThat(TagVersion.parse("5.0.0-rc10")).isGreaterThan(TagVersion.parse("5.0.0-rc9"));
        assertThat(TagVersion.parse("7.2.5-alpine3.20")).isGreaterThan(TagVersion.parse("7.2.5-alpine3.9"));
        assertThat(TagVersion.parse("4.0.10.2544-ls251")).isGreaterThan(TagVersion.parse("4.0.10.2544-ls250"));
        assertThat(TagVersion.parse("4.0.10.2544-ls9")).isLessThan(TagVersion.parse("4.0.10.2544-ls10"));
        assertThat(TagVersion.parse("1.2.3")).isEqualByComparingTo(TagVersion.parse("1.2.3"));
    }

    @Test
    void equalNumbersWithDifferentTextOrderConsistentlyWithEquals() {
        TagVersion padded = TagVersion.parse("24.04");
        TagVersion plain = TagVersion.parse("24.4");
        assertThat(padded).isNotEqualTo(plain);
        assertThat(padded.compareTo(plain)).isNotZero().isEqualTo(-plain.compareTo(padded));
        assertThat(padded.isNewerThan(plain)).isFalse();
        assertThat(plain.isNewerThan(padded)).isFalse();
        assertThat(TagVersion.parse("24.04")).isEqualTo(padded).hasSameHashCodeAs(padded);
    }

    @Test
    void sortsAShuffledList() {
        List<String> ordered = List.of(
                "0.9.99", "1.2.9", "1.2.10", "1.9.0", "1.10.0", "1.10.1", "2.0.0", "10.0.0", "2024.1.0", "2024.11.2");
        List<TagVersion> shuffled =
                new ArrayList<>(ordered.stream().map(TagVersion::parse).toList());
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        assertThat(shuffled).extracting(TagVersion::toString).containsExactlyElementsOf(ordered);

        List<String> builds = List.of(
                "4.0.9.2244-ls249", "4.0.10.2544-ls250", "4.0.10.2544-ls251", "4.0.10.2544-ls260", "4.0.11.2600-ls261");
        List<TagVersion> shuffledBuilds =
                new ArrayList<>(builds.stream().map(TagVersion::parse).toList());
        Collections.shuffle(shuffledBuilds, new Random(1));
        assertThat(shuffledBuilds.stream().sorted().map(TagVersion::toString)).containsExactlyElementsOf(builds);
    }

    @Test
    void sortingAMixedListFailsInsteadOfGuessing() {
        List<TagVersion> mixed = new ArrayList<>(List.of(TagVersion.parse("1.2.3"), TagVersion.parse("1.2")));
        assertThatThrownBy(() -> Collections.sort(mixed)).isInstanceOf(IllegalArgumentException.class);
        List<TagVersion> withLatest = new ArrayList<>(List.of(TagVersion.parse("1.2.3"), TagVersion.parse("latest")));
        TagVersion newest = TagVersion.parse("1.2.3");
        assertThat(withLatest.stream().filter(newest::comparableWith)).containsExactly(newest);
    }
}
