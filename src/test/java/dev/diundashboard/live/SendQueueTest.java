package dev.diundashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendQueueTest {

    private static List<String> drain(SendQueue<String> queue) {
        List<String> sent = new ArrayList<>();
        for (String next = queue.poll(); next != null; next = queue.poll()) {
            sent.add(next);
        }
        return sent;
    }

    @Test
    void aReaderThatKeepsUpGetsEveryEventInOrderAndOneDrainerAtATime() {
        SendQueue<String> queue = new SendQueue<>(3, "resync");
        assertThat(queue.offer("a")).as("the first offer starts the drainer").isTrue();
        assertThat(queue.offer("b")).as("a drainer is running").isFalse();
        assertThat(drain(queue)).containsExactly("a", "b");
        assertThat(queue.offer("c"))
                .as("the drainer's turn ended with the queue empty")
                .isTrue();
        assertThat(drain(queue)).containsExactly("c");
        assertThat(queue.overflows()).isZero();
    }

    @Test
    void aReaderThatFallsBehindGetsOneResyncInsteadOfWhatItMissedNeverSilence() {
        SendQueue<String> queue = new SendQueue<>(3, "resync");
        queue.offer("first");
        assertThat(queue.poll()).isEqualTo("first"); // now "writing" to a reader that stopped reading
        for (int i = 0; i < 10_000; i++) {
            assertThat(queue.offer("e" + i)).isFalse();
        }
        assertThat(queue.size()).as("bounded").isLessThanOrEqualTo(3);
        assertThat(queue.overflows()).isEqualTo(1);
        // The reader drains: one resync, then what comes after it as usual.
        assertThat(queue.poll()).isEqualTo("resync");
        assertThat(queue.offer("later")).isFalse();
        assertThat(drain(queue)).containsExactly("later");
    }

    @Test
    void eventsWithinCapacityAreKeptAndOnlyTheOverflowTurnsIntoAResync() {
        SendQueue<String> queue = new SendQueue<>(2, "resync");
        queue.offer("a");
        queue.offer("b");
        assertThat(drain(queue)).containsExactly("a", "b");
        queue.offer("c");
        queue.offer("d");
        queue.offer("e"); // the third while none was sent: over capacity
        assertThat(drain(queue)).containsExactly("resync");
    }

    @Test
    void aClosedQueueRefusesAndEndsTheDrainersTurn() {
        SendQueue<String> queue = new SendQueue<>(2, "resync");
        queue.offer("a");
        queue.close();
        assertThat(queue.poll()).isNull();
        assertThat(queue.offer("b")).isFalse();
        assertThat(queue.poll()).isNull();
    }
}
