/**
 * Layers over a batch: convolution, pooling, activations, flatten, linear, dropout and the
 * softmax cross-entropy loss (with its {@link org.convspark.engine.layers.BatchResult}). Each is
 * built from its {@code engine.spec} record and reads its parameter range from the network's flat
 * array; the network that strings them together lives in {@code engine.model}.
 */
package org.convspark.engine.layers;
