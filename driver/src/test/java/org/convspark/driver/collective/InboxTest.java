package org.convspark.driver.collective;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What a task's inbox hands out, and a flood of messages failing the round instead of hanging it. */
class InboxTest {
    private static PeerMessage message(int step, int from) {
        return new PeerMessage(PeerMessage.Kind.PARTIAL, 1, from, 0, step, 0);
    }

    @Test
    void aMessageIsTakenByItsKey() throws IOException {
        Inbox inbox = new Inbox(() -> false);
        PeerMessage later = message(1, 2);
        PeerMessage now = message(0, 2);
        inbox.deliver(later, 10);
        inbox.deliver(now, 10);
        assertSame(now, inbox.take(PeerMessage.Kind.PARTIAL, 0, 2, 0, true));
        assertSame(later, inbox.take(PeerMessage.Kind.PARTIAL, 1, 2, 0, false));
    }

    @Test
    void moreMessagesThanARoundSendsFailItsWaitsWithAMessage() {
        Inbox inbox = new Inbox(() -> false);
        inbox.expectPeers(2);
        int room = 4096 + 64 * 2;
        for (int step = 0; step <= room; step++) {
            inbox.deliver(message(step + 1, 1), 10);
        }
        IOException e = assertThrows(IOException.class, () -> inbox.take(PeerMessage.Kind.PARTIAL, 0, 1, 0, false));
        assertTrue(e.getCause().getMessage().contains("messages are waiting for this task, more than a round of its "
                + "size sends (" + room + "): partition 1 sent another"), e.getCause().getMessage());
    }
}
