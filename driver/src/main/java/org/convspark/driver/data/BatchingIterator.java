package org.convspark.driver.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Pulls up to {@code batchSize} items from a partition's iterator, maps them together (one engine
 * call per batch instead of one per row) and hands the results out one by one; only one batch is
 * held at a time. The list given to the mapping is reused for the next batch. {@link BatchScoring}
 * runs every partition a model scores through it.
 */
final class BatchingIterator<I, O> implements Iterator<O> {
    private final Iterator<I> input;
    private final int batchSize;
    private final Function<List<I>, List<O>> mapBatch;
    private final List<I> pending;
    private List<O> ready = List.of();
    private int next;

    BatchingIterator(Iterator<I> input, int batchSize, Function<List<I>, List<O>> mapBatch) {
        this.input = input;
        this.batchSize = batchSize;
        this.mapBatch = mapBatch;
        this.pending = new ArrayList<>(batchSize);
    }

    @Override
    public boolean hasNext() {
        while (next == ready.size() && input.hasNext()) {
            pending.clear();
            while (pending.size() < batchSize && input.hasNext()) {
                pending.add(input.next());
            }
            ready = mapBatch.apply(pending);
            next = 0;
        }
        return next < ready.size();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.get(next++);
    }
}
