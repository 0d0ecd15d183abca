package org.convspark.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.convspark.driver.data.SampleChunks.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compact, chunked samples read back as exactly the floats they were made from, in the heap and in a file. */
class SampleChunksTest {
    private static final int SIZE = 7;
    private static final int COUNT = 50;

    @TempDir
    Path tmp;

    /** Pixels as the readers make them: {@code (b & 0xff) / 255f}. */
    private static float[] eightBit(int count, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[count * SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rng.nextInt(256) & 0xff) / 255f;
        }
        return x;
    }

    private static SampleChunks build(float[] values, Encoding start, long chunkBytes, Path file, List<Integer> order) {
        SampleChunks.Builder builder = new SampleChunks.Builder(start, SIZE, values.length / SIZE, chunkBytes, file);
        for (int s : order) {
            builder.put(s, values, s * SIZE);
        }
        return builder.build();
    }

    private static List<Integer> shuffled(int count, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    private static float[] readAll(SampleChunks chunks) {
        float[] out = new float[chunks.count() * SIZE];
        for (int s = 0; s < chunks.count(); s++) {
            chunks.read(s, out, s * SIZE);
        }
        return out;
    }

    @Test
    void eightBitPixelsTakeOneByteAValueAndReadBackBitForBit() {
        float[] values = eightBit(COUNT, 1);
        assertEquals(Encoding.BYTES, Encoding.of(values, 0, values.length));
        SampleChunks chunks = build(values, Encoding.BYTES, 1L << 20, null, shuffled(COUNT, 2));
        assertEquals(Encoding.BYTES, chunks.encoding());
        assertEquals((long) COUNT * SIZE, chunks.bytes(), "a quarter of the floats' bytes");
        assertArrayEquals(values, readAll(chunks));
    }

    @Test
    void aValueThatIsNotAnEightBitPixelTurnsTheChunksToFloatsKeepingWhatWasWritten() {
        float[] values = eightBit(COUNT, 3);
        values[30 * SIZE + 4] = 0.3f; // not k / 255f
        assertEquals(Encoding.FLOATS, Encoding.of(values, 0, values.length));
        assertEquals(Encoding.FLOATS, Encoding.of(new float[] {Math.nextUp(1 / 255f)}, 0, 1));
        assertEquals(Encoding.FLOATS, Encoding.of(new float[] {-1 / 255f}, 0, 1));
        SampleChunks chunks = build(values, Encoding.BYTES, 40, null, shuffled(COUNT, 4));
        assertEquals(Encoding.FLOATS, chunks.encoding());
        assertArrayEquals(values, readAll(chunks));
    }

    @Test
    void noChunkHoldsMoreThanTheChunkSizeAndNoSampleStraddlesTwo() {
        long chunkBytes = 3 * SIZE + 2; // three 8-bit samples and a little: never a fourth
        SampleChunks chunks = build(eightBit(COUNT, 5), Encoding.BYTES, chunkBytes, null, shuffled(COUNT, 6));
        List<ByteBuffer> list = chunks.chunks();
        assertEquals((COUNT + 2) / 3, list.size());
        for (ByteBuffer chunk : list) {
            assertTrue(chunk.capacity() <= chunkBytes, chunk.capacity() + " bytes");
            assertEquals(0, chunk.capacity() % SIZE, "whole samples");
        }
        assertEquals(3, chunks.samplesPerChunk());
        // A sample larger than the chunk size gets a chunk of its own.
        assertEquals(1, build(eightBit(4, 7), Encoding.BYTES, 2, null, shuffled(4, 8)).samplesPerChunk());
    }

    @Test
    void batchesSpanningManyChunksGatherTheSameFloatsAsOneArray() {
        float[] values = eightBit(COUNT, 9);
        Shard chunked = new Shard(100, build(values, Encoding.BYTES, 2 * SIZE, null, shuffled(COUNT, 10)),
                labels(COUNT));
        int[] batch = {100, 101, 107, 113, 120, 121, 122, 139, 149};
        float[] images = new float[batch.length * SIZE];
        int[] labels = new int[batch.length];
        chunked.gather(batch, 0, batch.length, images, labels);
        for (int j = 0; j < batch.length; j++) {
            int local = batch[j] - 100;
            assertArrayEquals(Arrays.copyOfRange(values, local * SIZE, (local + 1) * SIZE),
                    Arrays.copyOfRange(images, j * SIZE, (j + 1) * SIZE), "sample " + batch[j]);
            assertEquals(local % 10, labels[j]);
        }
    }

    @Test
    void onDiskTheSamplesAreAFileReadBackTheSame() throws IOException {
        for (float[] values : List.of(eightBit(COUNT, 11), floats(COUNT, 12))) {
            Path file = tmp.resolve("shard-" + Encoding.of(values, 0, values.length));
            SampleChunks chunks = build(values, Encoding.BYTES, 5 * SIZE, file, shuffled(COUNT, 13));
            assertTrue(chunks.onDisk());
            assertArrayEquals(values, readAll(chunks));
            Path held = chunks.file();
            assertEquals(chunks.bytes(), Files.size(held), held + " holds the samples, nothing else");
            assertEquals(3L * SIZE * chunks.encoding().width(), chunks.readAhead(new int[] {100, 109, 149}, 0, 3, 100));
            List<ByteBuffer> copies = chunks.chunks();
            assertEquals((COUNT + chunks.samplesPerChunk() - 1) / chunks.samplesPerChunk(), copies.size(),
                    "read back chunk by chunk");
            float[] fromCopies = new float[values.length];
            SampleChunks.inHeap(chunks.encoding(), SIZE, COUNT, chunks.samplesPerChunk(), copies.stream()
                    .map(b -> {
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        return bytes;
                    }).toList()).read(COUNT - 1, fromCopies, 0);
            assertArrayEquals(Arrays.copyOfRange(values, (COUNT - 1) * SIZE, COUNT * SIZE),
                    Arrays.copyOfRange(fromCopies, 0, SIZE));
            chunks.deleteFile();
            assertFalse(Files.exists(held));
        }
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "a shard turned to floats leaves no file of its bytes behind");
        }
    }

    /** Spark interrupts the tasks it kills; one interrupted mid-read must not close the file for the others. */
    @Test
    void aReadInterruptedByATaskKillLeavesTheFileReadableForTheOtherThreads() throws Exception {
        float[] values = eightBit(COUNT, 21);
        SampleChunks chunks = build(values, Encoding.BYTES, 8 * SIZE, tmp.resolve("shard"), shuffled(COUNT, 22));
        java.util.concurrent.atomic.AtomicReference<Throwable> killed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread task = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                chunks.read(3, new float[SIZE], 0);
            } catch (Throwable t) {
                killed.set(t);
            }
        });
        task.start();
        task.join();
        assertTrue(killed.get() != null && killed.get().getCause() instanceof java.nio.channels.ClosedByInterruptException,
                "the interrupted read fails: " + killed.get());
        assertArrayEquals(values, readAll(chunks), "the other threads read on");
        chunks.deleteFile();
    }

    /** 8-bit samples copied as bytes, into the heap, into a file, and into a builder that turned to floats. */
    @Test
    void eightBitSamplesCopyAsTheirBytes() {
        float[] values = eightBit(COUNT, 31);
        SampleChunks source = build(values, Encoding.BYTES, 4 * SIZE, null, shuffled(COUNT, 32));
        for (Path file : java.util.Arrays.asList(null, tmp.resolve("copy"))) {
            SampleChunks.Builder builder = new SampleChunks.Builder(Encoding.BYTES, SIZE, COUNT, 3 * SIZE, file);
            for (int s : shuffled(COUNT, 33)) {
                builder.copyFrom(s, source, s);
            }
            SampleChunks copy = builder.build();
            assertEquals(Encoding.BYTES, copy.encoding());
            assertArrayEquals(values, readAll(copy));
            copy.deleteFile();
        }
        float[] mixed = values.clone();
        mixed[2] = 0.3f; // sample 0 is not 8-bit: the builder turns to floats, then copies decode
        SampleChunks.Builder builder = new SampleChunks.Builder(Encoding.BYTES, SIZE, COUNT, 4 * SIZE, null);
        builder.put(0, mixed, 0);
        for (int s = 1; s < COUNT; s++) {
            builder.copyFrom(s, source, s);
        }
        SampleChunks copy = builder.build();
        assertEquals(Encoding.FLOATS, copy.encoding());
        assertArrayEquals(mixed, readAll(copy));
    }

    @Test
    void heapChunksComeBackFromTheirBytes() {
        SampleChunks chunks = build(eightBit(COUNT, 14), Encoding.BYTES, 4 * SIZE, null, shuffled(COUNT, 15));
        List<byte[]> bytes = new ArrayList<>();
        for (ByteBuffer c : chunks.chunks()) {
            byte[] b = new byte[c.remaining()];
            c.get(b);
            bytes.add(b);
        }
        SampleChunks back = SampleChunks.inHeap(chunks.encoding(), SIZE, COUNT, chunks.samplesPerChunk(), bytes);
        assertArrayEquals(readAll(chunks), readAll(back));
    }

    private static float[] floats(int count, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[count * SIZE];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat() - 0.5f;
        }
        return x;
    }

    private static int[] labels(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return labels;
    }
}
