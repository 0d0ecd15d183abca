/**
 * Layers over a batch: convolution, transposed convolution (on the convolution's own kernels),
 * pooling, activations, flatten, linear, dropout, batch norm, the merges of a model graph ({@link
 * org.convspark.engine.layers.Merge}: add, concat) and the softmax cross-entropy loss (with its
 * {@link org.convspark.engine.layers.BatchResult}). Each is built from its {@code engine.spec}
 * record and reads its parameter range from the network's flat array; the network that strings
 * them together lives in {@code engine.model}. Batch norm sums its statistics over every part of
 * a step's batch through a {@link org.convspark.engine.layers.StatisticsSync} that the caller
 * provides (threads, partitions).
 */
package org.convspark.engine.layers;
