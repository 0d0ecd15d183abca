/**
 * JMH benchmarks of the engine: convolutions (issue 6's layers and ResNet-20's), batch norm, the
 * residual add, a transposed convolution, max pooling and training steps, printed as one table
 * beside PyTorch measured in the same run ({@code bench/run-engine.sh}), or for the convolutions and
 * ResNet-20 steps in pairs, each layer in the engine and in PyTorch one right after the other
 * ({@link org.convspark.bench.PairedTable}). No timing assertions live anywhere else.
 */
package org.convspark.bench;
