package dev.diundashboard.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChangeRelayTest {

    @Test
    void aMessageFromAnotherInstanceCarriesItsChanges() {
        List<Change> sent = List.of(
                Change.update(7, "acknowledged"),
                Change.tags("renamed"),
                Change.resync(),
                Change.updates("acknowledged", 3000));
        List<String> messages = ChangeRelay.messages("a", sent);
        assertEquals(1, messages.size());
        assertEquals(sent, ChangeRelay.fromOthers("b", messages.get(0)).orElseThrow());
    }

    @Test
    void anInstanceIgnoresItsOwnMessages() {
        String message =
                ChangeRelay.messages("a", List.of(Change.update(1, "received"))).get(0);
        assertTrue(ChangeRelay.fromOthers("a", message).isEmpty());
    }

    @Test
    void aBulkChangeIsSplitIntoMessagesUnderPostgresqlsLimitWithNothingLost() {
        List<Change> sent = LongStream.rangeClosed(1, 10_000)
                .mapToObj(id -> Change.update(id * 1_000_000_007L, "acknowledged"))
                .toList();
        List<String> messages = ChangeRelay.messages("0f8e4c52-3d8d-4b55-9a51-7d1f0b6f43a1", sent);
        assertTrue(messages.size() > 50, "messages: " + messages.size());
        List<Change> received = new ArrayList<>();
        for (String m : messages) {
            assertTrue(m.getBytes(StandardCharsets.UTF_8).length <= ChangeRelay.MAX_PAYLOAD_BYTES, m.length() + "");
            received.addAll(ChangeRelay.fromOthers("other", m).orElseThrow());
        }
        assertEquals(sent, received);
    }

    @Test
    void anUnreadableMessageIsIgnored() {
        assertTrue(ChangeRelay.fromOthers("a", "not json").isEmpty());
        assertTrue(ChangeRelay.fromOthers("a", "{\"from\":\"b\"}").isEmpty());
    }
}
