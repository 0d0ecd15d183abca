package org.convspark.driver.collective;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.function.Consumer;

/**
 * Refuses a frame whose length field is out of bounds before the transport buffers any of it.
 * Spark's frame decoder accepts any length below 2 GiB and accumulates that many bytes, so a peer
 * that declares a huge frame and streams it would grow the heap by gigabytes before a single check
 * runs. This handler sits in front of the decoder (after decryption, which Spark puts first), reads
 * each frame's 8-byte big-endian length as it passes and closes the connection on a frame shorter
 * than a header or longer than {@code maxFrameBytes}; the bytes themselves pass on untouched. A
 * connection that sends no frame at all within {@code silentMillis} is closed too: the transport
 * keeps quiet connections open (a round's may be quiet for a long step), so silent strangers
 * would otherwise stay forever.
 * Netty gives no such bound for a length field it does not decode itself, hence the hand-written
 * state machine (a dozen lines).
 */
final class FrameGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "convsparkFrameGuard";
    private static final int LENGTH_BYTES = 8;

    private final long maxFrameBytes;
    private final long silentMillis;
    private final Consumer<String> onRefused;
    private boolean spoke;
    private long length;
    private int lengthBytes;
    private long remaining;

    FrameGuard(long maxFrameBytes, long silentMillis, Consumer<String> onRefused) {
        this.maxFrameBytes = maxFrameBytes;
        this.silentMillis = silentMillis;
        this.onRefused = onRefused;
    }

    /** Closes the connection if it has sent no frame {@code silentMillis} after it opened. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (!spoke && ctx.channel().isActive()) {
                onRefused.accept("a connection silent for " + silentMillis + " ms from " + ctx.channel().remoteAddress());
                ctx.close();
            }
        }, silentMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            int i = buf.readerIndex();
            int end = buf.writerIndex();
            while (i < end) {
                if (remaining > 0) {
                    int skip = (int) Math.min(remaining, end - i);
                    i += skip;
                    remaining -= skip;
                    continue;
                }
                length = (length << 8) | (buf.getByte(i++) & 0xff);
                if (++lengthBytes == LENGTH_BYTES) {
                    long frame = length;
                    length = 0;
                    lengthBytes = 0;
                    if (frame <= LENGTH_BYTES || frame > maxFrameBytes) {
                        buf.release();
                        onRefused.accept("a frame of " + frame + " bytes (at most " + maxFrameBytes + ") from "
                                + ctx.channel().remoteAddress());
                        ctx.close();
                        return;
                    }
                    remaining = frame - LENGTH_BYTES;
                    spoke = true;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }
}
