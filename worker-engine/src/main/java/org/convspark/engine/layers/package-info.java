/**
 * Layers over a batch: convolution, transposed convolution (on the convolution's own kernels),
 * pooling, activations, flatten, linear, dropout, batch norm, the merges of a model graph ({@link
 * org.convspark.engine.layers.Merge}: add, concat) and the softmax cross-entropy loss (with its
 * {@link org.convspark.engine.layers.BatchResult}). Each is built from its {@code engine.spec}
 * record and reads its parameter range from the network's flat array; the network that strings
 * them together lives in {@code engine.model}. Batch norm sums its statistics over every part of
 * a step's batch through a {@link org.convspark.engine.layers.StatisticsSync} that the caller
 * provides (threads, partitions).
 *
 * <p>Speed: {@link org.convspark.engine.layers.Conv} runs each layer on the path measured fastest
 * for its shape ({@code Conv.algorithm()} names it), all but the last on the Vector API:
 * {@code WinogradConv} (F(2x2, 3x3)) for 3x3 stride-1 layers of 64 channels or more with whole
 * 2x2 tiles;
 * {@code LaneConv} (direct, channels-last, any stride) for other 2-D layers of 32 or 64 channels
 * with spatial kernels and no dilation, and for 3x3 stride-1 layers of 16 channels whose rows its
 * row tiles cover;
 * both on {@code LaneKernels}, with {@code ChannelsLast}'s layout copies around them; {@code
 * DirectConv}'s kernels ({@code ShiftKernels}, {@code ChannelKernels}) for small stride-1 2-D
 * layers (more of them where the BLAS runs narrower vectors than the CPU), their forward with
 * im2col + GEMM backward for wider ones up to 64 output channels; im2col + GEMM otherwise. Batch
 * norm's sums run on {@code MomentKernels}, and a batch norm read only by a ReLU applies it
 * ({@link org.convspark.engine.layers.BatchNorm#fuseRelu()}, the ReLU's node a {@link
 * org.convspark.engine.layers.FusedAway}).
 */
package org.convspark.engine.layers;
