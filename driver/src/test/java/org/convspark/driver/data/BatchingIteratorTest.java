package org.convspark.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingIteratorTest {
    @Test
    void itemsComeOutInOrderMappedBatchByBatch() {
        List<Integer> sizes = new ArrayList<>();
        BatchingIterator<Integer, String> it = new BatchingIterator<>(IntStream.range(0, 7).boxed().iterator(), 3,
                batch -> {
                    sizes.add(batch.size());
                    return batch.stream().map(i -> "#" + i).collect(Collectors.toList());
                });
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        assertEquals(List.of("#0", "#1", "#2", "#3", "#4", "#5", "#6"), out);
        assertEquals(List.of(3, 3, 1), sizes);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void anEmptyPartitionMapsNothing() {
        BatchingIterator<Integer, Integer> it = new BatchingIterator<>(List.<Integer>of().iterator(), 4, batch -> {
            throw new AssertionError("no batch expected");
        });
        assertFalse(it.hasNext());
    }

    @Test
    void batchesThatMapToNothingAreSkipped() {
        BatchingIterator<Integer, Integer> it = new BatchingIterator<>(IntStream.range(0, 6).boxed().iterator(), 2,
                batch -> batch.get(0) == 2 ? List.of() : batch.subList(0, 1).stream().collect(Collectors.toList()));
        List<Integer> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        assertEquals(List.of(0, 4), out);
    }
}
