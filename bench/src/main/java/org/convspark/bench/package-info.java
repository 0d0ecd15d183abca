/**
 * JMH benchmarks of the engine: convolution forward and forward+backward on the LeNet-5 shapes
 * and a 64-channel 3x3 layer, reported in GFLOP/s. No timing assertions live anywhere else.
 */
package org.convspark.bench;
