/**
 * Layers over a batch: convolution, pooling, activations, flatten, linear, dropout and the
 * softmax cross-entropy loss. Each reads its parameter range from the network's flat array.
 */
package org.convspark.engine.layers;
