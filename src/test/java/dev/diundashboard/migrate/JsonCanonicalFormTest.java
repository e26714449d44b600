package dev.diundashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JsonCanonicalFormTest {

    private final JsonCanonicalForm json = new JsonCanonicalForm();

    private String render(String text, boolean postgresSafe) throws Exception {
        ByteSink out = new ByteSink(16);
        json.render(text.getBytes(StandardCharsets.UTF_8), out, postgresSafe);
        return HexFormat.of().formatHex(out.array(), 0, out.size());
    }

    private String render(String text) throws Exception {
        return render(text, false);
    }

    @Test
    void keyOrderAndWhitespaceDoNotMatter() throws Exception {
        assertThat(render("{\"b\":1,\"a\":{\"y\":2,\"x\":[1,2]}}"))
                .isEqualTo(render("{ \"a\" : { \"x\" : [ 1 , 2 ] , \"y\" : 2 } ,\n \"b\" : 1 }"));
    }

    @Test
    void jsonbKeyOrderMatchesTextKeyOrder() throws Exception {
        // jsonb prints shorter keys first; the text kept them as received.
        assertThat(render("{\"aaa\": 1, \"b\": 2}")).isEqualTo(render("{\"b\": 2, \"aaa\": 1}"));
    }

    @Test
    void numbersCompareByValue() throws Exception {
        assertThat(render("[1.50, 1e2, -0, 100]")).isEqualTo(render("[1.5, 100, 0, 1E+2]"));
        assertThat(render("[1.5]")).isNotEqualTo(render("[1.51]"));
        assertThat(render("[123456789012345678901234567890]")).isNotEqualTo(render("[123456789012345678901234567891]"));
    }

    @Test
    void escapesCompareByTheCharacterTheyStandFor() throws Exception {
        assertThat(render("\"\\u00e9\\ud83d\\ude00\\/\"")).isEqualTo(render("\"é😀/\""));
    }

    @Test
    void nfcAndNfdStayDifferent() throws Exception {
        assertThat(render("\"caf\u00e9\"")).isNotEqualTo(render("\"cafe\u0301\""));
    }

    @Test
    void arrayOrderNullAndEmptyMatter() throws Exception {
        assertThat(render("[1,2]")).isNotEqualTo(render("[2,1]"));
        assertThat(render("{\"a\":null}")).isNotEqualTo(render("{\"a\":\"\"}"));
        assertThat(render("{\"a\":\"\"}")).isNotEqualTo(render("{}"));
        assertThat(render("{\"ab\":\"c\"}")).isNotEqualTo(render("{\"a\":\"bc\"}"));
    }

    @Test
    void duplicateKeysAreRefusedBecauseJsonbWouldKeepOnlyTheLast() {
        assertThatThrownBy(() -> render("{\"a\":1,\"a\":2}")).hasMessageContaining("Duplicate");
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefusedOnlyForPostgres() throws Exception {
        assertThat(render("\"a\\u0000b\"", false)).isNotEmpty();
        assertThatThrownBy(() -> render("\"a\\u0000b\"", true)).hasMessageContaining("\\u0000");
        assertThatThrownBy(() -> render("{\"\\ud800\": 1}", true)).hasMessageContaining("unpaired surrogate");
        assertThat(render("\"\\ud83d\\ude00\"", true)).isNotEmpty();
    }

    @Test
    void textThatIsNotOneJsonValueIsRefused() {
        assertThatThrownBy(() -> render("{} {}")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> render("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> render("{\"a\":")).isInstanceOf(JsonCanonicalForm.InvalidJsonException.class);
    }

    @Test
    void onlyStrictJsonIsAccepted() {
        for (String bad : new String[] {
            "01",
            "[1,]",
            "{\"a\":1,}",
            "+1",
            ".5",
            "1.",
            "1e",
            "-",
            "[1 2]",
            "{\"a\" 1}",
            "{a:1}",
            "'a'",
            "tru",
            "nul",
            "[",
            "\"a",
            "\"\\x\"",
            "\"\\u12\"",
            "\"tab\there\"",
            "\uFEFF{}",
            "NaN",
            "[1]]",
            "{\"a\":1}}"
        }) {
            assertThatThrownBy(() -> render(bad)).as(bad).isInstanceOf(JsonCanonicalForm.InvalidJsonException.class);
        }
    }

    @Test
    void invalidUtf8InAStringIsRefused() {
        ByteSink out = new ByteSink(16);
        for (byte[] bad : new byte[][] {
            {'"', (byte) 0xC3, '"'},
            {'"', (byte) 0xC0, (byte) 0x80, '"'},
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
            {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},
            {'"', (byte) 0xFF, '"'}
        }) {
            assertThatThrownBy(() -> json.render(bad, out, false))
                    .as(HexFormat.of().formatHex(bad))
                    .hasMessageContaining("invalid UTF-8");
        }
    }

    @Test
    void unpairedSurrogatesStayDistinct() throws Exception {
        assertThat(render("\"\\ud800\"")).isNotEqualTo(render("\"\uFFFD\""));
        assertThat(render("\"\\ud800\"")).isNotEqualTo(render("\"\\udc00\""));
        assertThat(render("\"\\ud800\\udc00\"")).isEqualTo(render("\"\uD800\uDC00\""));
        assertThat(render("\"\\ud800x\"")).isNotEqualTo(render("\"x\""));
    }

    @Test
    void largeAndNestedObjectsAreSortedAtEveryLevel() throws Exception {
        StringBuilder forward = new StringBuilder("{");
        StringBuilder backward = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            forward.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(i)
                    .append("\":{\"y\":")
                    .append(i)
                    .append(",\"x\":[]}");
            int j = 199 - i;
            backward.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(j)
                    .append("\":{\"x\":[],\"y\":")
                    .append(j)
                    .append('}');
        }
        assertThat(render(forward + "}")).isEqualTo(render(backward + "}"));
        assertThat(render(forward + "}"))
                .isNotEqualTo(render(backward.toString().replace("\"y\":7}", "\"y\":8}") + "}"));
        assertThatThrownBy(() -> render(forward + ",\"k17\":1}")).hasMessageContaining("Duplicate field 'k17'");
    }

    @Test
    void theLimitsAreApplied() {
        assertThatThrownBy(() -> render("[".repeat(65) + "]".repeat(65))).hasMessage("nested more than 64 levels deep");
        assertThatThrownBy(() -> render("[" + "9".repeat(101) + "]")).hasMessageContaining("is beyond 100 digits");
        assertThatThrownBy(() -> render("1e999999999999")).hasMessage("the number 1e999999999999 is beyond 100 digits");
    }
}
