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
}
