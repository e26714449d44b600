package dev.diundashboard.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class AtomFeedTest {

    @Test
    void textThatXmlCannotCarryIsReplacedAndTheRestKept() {
        assertThat(AtomFeed.xml("a\u0001b\uFFFEc\tü → 😀 <&>")).isEqualTo("a\uFFFDb\uFFFDc\tü → 😀 <&>");
    }

    @Test
    void anEmptyFeedIsWellFormedAtomWithItsSelfLinkAndTheTimeGiven() throws Exception {
        String xml = AtomFeed.write(
                "Pending updates",
                "https://diun.example.com/feed.atom?host=a&b",
                "https://diun.example.com/?host=a",
                "https://diun.example.com",
                List.of(),
                Instant.parse("2026-12-05T10:00:00Z"));

        Document doc = DocumentBuilderFactory.newDefaultNSInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(doc.getElementsByTagNameNS("*", "updated").item(0).getTextContent())
                .isEqualTo("2026-12-05T10:00:00Z");
        assertThat(doc.getElementsByTagNameNS("*", "entry").getLength()).isZero();
        assertThat(xml).contains("rel=\"self\"", "href=\"https://diun.example.com/feed.atom?host=a&amp;b\"");
    }
}
