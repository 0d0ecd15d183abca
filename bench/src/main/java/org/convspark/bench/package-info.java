/**
 * JMH benchmarks of the engine: convolutions (issue 6's layers and ResNet-20's), batch norm, the
 * residual add, a transposed convolution, max pooling and training steps, printed as one table
 * beside PyTorch measured in the same run ({@code bench/run-engine.sh}). No timing assertions
 * live anywhere else.
 */
package org.convspark.bench;
