package org.convspark.driver.collective;

import java.io.IOException;

/**
 * Sends a slice of a vector as messages of at most {@link PeerMessage#PIECE_BYTES} and takes such
 * messages back: frames stay bounded (see {@link FrameGuard}) and a receiver starts adding the
 * first piece while the next is on the wire. A slice of no values is one empty piece, which still
 * carries the sender's totals.
 */
final class VectorPieces {
    private VectorPieces() {
    }

    /** How many pieces a slice of {@code length} values of {@code width} bytes travels in. */
    static int count(int length, int width) {
        int perPiece = PeerMessage.PIECE_BYTES / width;
        return Math.max(1, (length + perPiece - 1) / perPiece);
    }

    /** Sends {@code values[lo .. hi)} to partition {@code receiver}. */
    static void sendFloats(PeerGroup group, PeerMessage.Kind kind, int receiver, int step, StepTotals totals,
                           float[] values, int lo, int hi) throws IOException {
        int perPiece = PeerMessage.PIECE_BYTES / 4;
        for (int p = 0, pieces = count(hi - lo, 4); p < pieces; p++) {
            int start = lo + p * perPiece;
            group.sendFloats(kind, receiver, step, p, totals, values, start, Math.max(0, Math.min(perPiece, hi - start)));
        }
    }

    /** Sends {@code values[0 .. length)} to partition {@code receiver}. */
    static void sendDoubles(PeerGroup group, PeerMessage.Kind kind, int receiver, int step, StepTotals totals,
                            double[] values, int length) throws IOException {
        int perPiece = PeerMessage.PIECE_BYTES / 8;
        for (int p = 0, pieces = count(length, 8); p < pieces; p++) {
            int start = p * perPiece;
            group.sendDoubles(kind, receiver, step, p, totals, values, start,
                    Math.max(0, Math.min(perPiece, length - start)));
        }
    }

    /**
     * Takes piece {@code piece} of {@code kind} from {@code from} and checks that it is exactly the
     * piece of {@code [lo, hi)} the sender cuts: a message that does not fit the round's layout is
     * a bug or an attack, and would leave values unset or added twice.
     */
    static PeerMessage take(PeerGroup group, PeerMessage.Kind kind, int step, int from, int piece, int lo, int hi)
            throws IOException {
        PeerMessage m = group.take(kind, step, from, piece);
        int perPiece = PeerMessage.PIECE_BYTES / (m.doubles != null ? 8 : 4);
        long start = lo + (long) piece * perPiece;
        if (m.offset != start || m.length != Math.max(0, Math.min(perPiece, hi - start))) {
            throw new IOException("partition " + from + " sent " + m.length + " values at " + m.offset
                    + " for the slice " + lo + "-" + hi);
        }
        return m;
    }
}
