package org.convspark.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.convspark.engine.layers.Activation;
import org.convspark.engine.layers.BatchNorm;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.layers.FusedAway;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.layers.Merge;
import org.convspark.engine.layers.SoftmaxCrossEntropy;
import org.convspark.engine.layers.StatisticsSync;
import org.convspark.engine.layers.Stochastic;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.RunningAverages;
import org.convspark.engine.spec.ActivationSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecException;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * A {@link ModelSpec}'s layers, built once, run over batches with parameters passed in as one
 * flat array. Layer {@code i} owns {@code [offset(i), offset(i) + its parameterCount)} of that
 * array and of the gradient array, in layer order. Node {@code i} reads the nodes the spec's graph
 * names; the loss is softmax cross-entropy over the last node's flat output.
 *
 * <p>Everything returned is a SUM over samples, never a mean, so that a batch split over
 * partitions (or over this class's internal chunks) adds up to the whole batch's result; the
 * caller divides once. Dropout masks come from (seed, global sample index) for the same reason.
 * Batch norm normalizes with the whole batch's statistics: the parts of a split batch share them
 * through a {@link StatisticsSync}, and a network with batch norm trains a part in one chunk.
 *
 * <p>One instance per thread: layers keep their workspace buffers between calls.
 */
public final class Network {
    /**
     * Activation floats (input plus every layer's output, per sample) a chunk may hold; big
     * batches are processed in chunks of at most this (training a network with batch norm: in one). 4 MB keeps a chunk's activations near the
     * caches: LeNet-5 training ran fastest with 32-64 samples per chunk (64 is about 4 MB) and
     * 1.5x slower with 512; cifar-small did not gain from chunks above 4 samples.
     */
    static final int DEFAULT_CHUNK_FLOATS = 1 << 20;
    /** Decorrelates the dropout streams of different layers under one seed. */
    private static final long LAYER_SEED_STRIDE = 0xD1B54A32D192ED03L;

    private final ModelSpec spec;
    private final Layer[] layers;
    private final int[] offsets;
    private final int parameterCount;
    private final int inputSize;
    private final int numClasses;
    private final int chunkSamples;
    /** The nodes each node reads ({@link ModelSpec#MODEL_INPUT} for the data). */
    private final int[][] inputs;
    /**
     * Whether backward visits the node: it has parameters or reads one that does. A node reading
     * only nodes without is told it needs no input gradient (for a first convolution that saves
     * its input-gradient GEMM and col2im: LeNet conv1's backward took half the time); in a chain
     * backward stops at the first layer with parameters.
     */
    private final boolean[] visits;
    /** How many nodes read each node: with more than one, their gradients are added (see {@link #gradientSums}). */
    private final int[] readers;
    private final Buffer[] gradientSums;
    private final SoftmaxCrossEntropy loss;
    private final Buffer input = new Buffer();
    /** Each node's output in the current forward (in its layer's buffers). */
    private final Tensor[] outputs;
    /** Each node's output gradient during backward. */
    private final Tensor[] gradients;
    /**
     * Its batch norm layers: a training batch then goes through in one chunk (their statistics are
     * the whole batch's) and takes part in the step's {@link StatisticsSync} even without samples.
     */
    private final List<BatchNorm> batchNorms = new ArrayList<>();

    public Network(ModelSpec spec) {
        this(spec, DEFAULT_CHUNK_FLOATS);
    }

    /** With a chunk bound of {@code chunkFloats} activation floats (tests use it to force chunking). */
    Network(ModelSpec spec, int chunkFloats) {
        this.spec = spec;
        Shape output = spec.outputShape();
        if (output.rank() != 1 || output.dim(0) < 2) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, null, "model " + spec.name()
                    + " must end in a flat vector of >= 2 class scores (add flatten and linear layers), its output is "
                    + output, null);
        }
        long total = spec.parameterCount();
        if (total > Integer.MAX_VALUE) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, null, "model " + spec.name()
                    + " has " + total + " parameters; one flat array holds at most 2^31-1", null);
        }
        int count = spec.layers().size();
        this.layers = new Layer[count];
        this.offsets = new int[count];
        this.inputs = new int[count][];
        this.readers = new int[count];
        this.gradientSums = new Buffer[count];
        for (int i = 0; i < count; i++) {
            inputs[i] = spec.inputs(i);
            readers[i] = spec.readers(i);
        }
        long activationFloats;
        try {
            activationFloats = spec.input().size();
        } catch (IllegalArgumentException e) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, "input", "model " + spec.name()
                    + ": " + e.getMessage(), e);
        }
        int offset = 0;
        for (int i = 0; i < count; i++) {
            LayerSpec layerSpec = spec.layers().get(i);
            try {
                layers[i] = LayerFactory.create(layerSpec, spec.inputShapes(i), spec.outputShape(i));
                activationFloats += spec.outputShape(i).size();
            } catch (IllegalArgumentException e) {
                throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, null, "model " + spec.name()
                        + ", layer " + i + " (" + spec.label(i) + "): " + e.getMessage(), e);
            }
            if (readers[i] > 1) {
                gradientSums[i] = new Buffer();
            }
            offsets[i] = offset;
            offset += layers[i].parameterCount();
        }
        this.parameterCount = offset;
        poolBeforeRelu(spec);
        fuseReluIntoBatchNorm(spec);
        for (Layer layer : layers) {
            if (layer instanceof BatchNorm bn) {
                batchNorms.add(bn);
            }
        }
        this.outputs = new Tensor[count];
        this.gradients = new Tensor[count];
        this.visits = new boolean[count];
        for (int i = 0; i < count; i++) {
            boolean upstream = false;
            for (int k : inputs[i]) {
                upstream |= k != ModelSpec.MODEL_INPUT && visits[k];
            }
            visits[i] = upstream || layers[i].parameterCount() > 0;
            if (visits[i] && !upstream) {
                layers[i].setNeedsInputGradient(false);
            }
        }
        this.inputSize = spec.input().size();
        this.numClasses = output.dim(0);
        this.chunkSamples = (int) Math.min(Integer.MAX_VALUE, chunkSamples(activationFloats, chunkFloats));
        this.loss = new SoftmaxCrossEntropy(numClasses);
    }

    /**
     * Runs each ReLU followed by an unpadded max pooling the other way round: pooling first, then
     * the ReLU on a quarter of the values (for 2x2; LeNet-5 spent 0.8 of 9.7 ms a step in ReLU,
     * mostly on the conv outputs). Exact, bit for bit, forward and backward: ReLU is monotonic, so
     * it keeps the maximum's position (the first maximum stays first, a NaN stays NaN) and
     * {@code relu(max) = max(relu)}; where the maximum is not positive both orders pass a zero
     * gradient. Padded pooling is left alone: a window of padding only is -inf after pooling
     * but 0 the other way.
     */
    private void poolBeforeRelu(ModelSpec spec) {
        for (int i = 0; i + 1 < layers.length; i++) {
            // Only within a chain: the pooling reads the ReLU alone, and nothing else reads the ReLU.
            if (onlyReaderIsNext(spec, i) && spec.layers().get(i) instanceof ActivationSpec a && a.kind() == ActivationSpec.Kind.RELU
                    && spec.layers().get(i + 1) instanceof MaxPoolSpec pool && pool.geometry().unpadded()) {
                // The pooling layer built for i + 1 fits i as it is (a ReLU keeps the shape); the
                // ReLU is rebuilt for the pooled shape.
                layers[i] = layers[i + 1];
                layers[i + 1] = LayerFactory.create(a, spec.outputShape(i + 1));
                i++;
            }
        }
    }

    /**
     * Lets a batch norm apply the ReLU that alone reads it ({@link BatchNorm#fuseRelu()}), the
     * ReLU's node passing values and gradients through ({@link FusedAway}): exact, and one pass
     * over those activations fewer each way. Runs after {@link #poolBeforeRelu}, whose swapped
     * ReLUs it leaves alone.
     */
    private void fuseReluIntoBatchNorm(ModelSpec spec) {
        for (int i = 0; i + 1 < layers.length; i++) {
            if (onlyReaderIsNext(spec, i) && layers[i] instanceof BatchNorm bn && layers[i + 1] instanceof Activation
                    && spec.layers().get(i + 1) instanceof ActivationSpec a && a.kind() == ActivationSpec.Kind.RELU) {
                bn.fuseRelu();
                layers[i + 1] = new FusedAway(a.kind().specName(), spec.outputShape(i + 1));
            }
        }
    }

    /** Whether node {@code i + 1} reads node {@code i} alone and nothing else reads node {@code i}. */
    private boolean onlyReaderIsNext(ModelSpec spec, int i) {
        return spec.readsPrevious(i + 1) && readers[i] == 1;
    }

    /**
     * Samples a network runs at once when a sample's input and layer outputs take {@code
     * activationFloats}: as many as fit {@code chunkFloats}, at least one.
     */
    static long chunkSamples(long activationFloats, long chunkFloats) {
        return Math.max(1, chunkFloats / activationFloats);
    }

    /** Whether training sums batch statistics over every part of a step's batch (it has batch norm layers). */
    public boolean sumsStatistics() {
        return !batchNorms.isEmpty();
    }

    public ModelSpec spec() {
        return spec;
    }

    public int parameterCount() {
        return parameterCount;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Initial parameters: each layer's own initialiser, drawing from a stream derived from (seed, layer). */
    public float[] initialParameters(long seed) {
        float[] params = new float[parameterCount];
        SplittableRandom streams = new SplittableRandom(seed);
        for (int i = 0; i < layers.length; i++) {
            layers[i].initialize(params, offsets[i], new Random(streams.nextLong()));
        }
        return params;
    }

    /**
     * Forward and backward over {@code count} samples packed in {@code images[imageOffset ...]}
     * ({@code spec().input().size()} floats each): ADDS the sum over samples of
     * {@code d loss_i / d params} into {@code gradSum}. Dropout masks come from
     * {@code (seed, firstSampleIndex + j)} for sample {@code j}. Returns sums, not means.
     */
    public BatchResult trainBatch(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                  int count, float[] gradSum, long seed, long firstSampleIndex) {
        return trainBatch(params, images, imageOffset, labels, labelOffset, count, gradSum, seed, firstSampleIndex,
                GradientReady.NONE);
    }

    /**
     * As above, telling {@code ready} after each node backward visits in the last chunk from where
     * the gradient sum is final, and finally that all of it is (from 0).
     */
    public BatchResult trainBatch(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                  int count, float[] gradSum, long seed, long firstSampleIndex, GradientReady ready) {
        return trainBatch(params, images, imageOffset, labels, labelOffset, count, gradSum, seed, firstSampleIndex,
                StatisticsSync.NONE, ready);
    }

    /**
     * As above, for one part of a step's batch split over threads or partitions: batch norm layers
     * sum their statistics over every part through {@code sync}. A part with no samples ({@code
     * count} 0) must call this too, so that it takes part in those sums.
     */
    public BatchResult trainBatch(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                  int count, float[] gradSum, long seed, long firstSampleIndex, StatisticsSync sync,
                                  GradientReady ready) {
        checkBatch(params, images, imageOffset, count);
        checkLabels(labels, labelOffset, count);
        checkLength("gradSum", gradSum, parameterCount);
        for (BatchNorm bn : batchNorms) {
            bn.sync(sync);
        }
        if (count == 0 && !batchNorms.isEmpty()) {
            withoutSamples();
        }
        int chunk = batchNorms.isEmpty() ? chunkSamples : Math.max(1, count);
        BatchResult total = BatchResult.ZERO;
        for (int start = 0; start < count; start += chunk) {
            int n = Math.min(chunk, count - start);
            boolean last = start + n >= count;
            seedStochasticLayers(seed, firstSampleIndex + start);
            Tensor logits = forward(params, images, imageOffset + start * inputSize, n, true);
            total = total.plus(loss.lossAndGradient(logits, labels, labelOffset + start));
            backward(loss.gradient(), params, gradSum, last ? ready : GradientReady.NONE);
        }
        ready.finalFrom(0);
        return total;
    }

    /** A training step's statistics sums for a part without samples, in the order a batch would make them. */
    private void withoutSamples() {
        for (BatchNorm bn : batchNorms) {
            bn.forwardWithoutSamples();
        }
        for (int i = layers.length - 1; i >= 0; i--) {
            if (visits[i] && layers[i] instanceof BatchNorm bn) {
                bn.backwardWithoutSamples();
            }
        }
    }

    /**
     * {@code inner} for the trainable parameters, and the running averages of the batch norm
     * layers' statistics in their state entries ({@link RunningAverages}); {@code inner} itself
     * for a model without state.
     */
    public Optimizer optimizer(Optimizer inner) {
        int[] starts = new int[batchNorms.size()];
        int[] lengths = new int[starts.length];
        float[] momenta = new float[starts.length];
        int k = 0;
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof BatchNorm bn) {
                starts[k] = offsets[i] + bn.stateOffset();
                lengths[k] = 2 * bn.channels();
                momenta[k] = (float) bn.momentum();
                k++;
            }
        }
        return RunningAverages.around(inner, starts, lengths, momenta);
    }

    /** Where each layer's parameters start in the flat array, in layer order (a copy). */
    public int[] parameterOffsets() {
        return offsets.clone();
    }

    /** Loss sum and correct count over {@code count} samples, in evaluation mode (no dropout). */
    public BatchResult evaluate(float[] params, float[] images, int imageOffset, int[] labels, int labelOffset,
                                int count) {
        checkBatch(params, images, imageOffset, count);
        checkLabels(labels, labelOffset, count);
        BatchResult total = BatchResult.ZERO;
        for (int start = 0; start < count; start += chunkSamples) {
            int n = Math.min(chunkSamples, count - start);
            Tensor logits = forward(params, images, imageOffset + start * inputSize, n, false);
            total = total.plus(loss.loss(logits, labels, labelOffset + start));
        }
        return total;
    }

    /** Class probabilities, {@code count x numClasses()}, into {@code out[outOffset ...]}. */
    public void predictProbabilities(float[] params, float[] images, int imageOffset, int count, float[] out,
                                     int outOffset) {
        predict(params, images, imageOffset, count, out, outOffset, true);
    }

    /**
     * Class scores before the softmax (the logits), {@code count x numClasses()}, into
     * {@code out[outOffset ...]}: what Spark ML calls a raw prediction.
     */
    public void predictLogits(float[] params, float[] images, int imageOffset, int count, float[] out,
                              int outOffset) {
        predict(params, images, imageOffset, count, out, outOffset, false);
    }

    private void predict(float[] params, float[] images, int imageOffset, int count, float[] out, int outOffset,
                         boolean softmax) {
        checkBatch(params, images, imageOffset, count);
        checkRange("out", out.length, outOffset, count, numClasses);
        for (int start = 0; start < count; start += chunkSamples) {
            int n = Math.min(chunkSamples, count - start);
            Tensor logits = forward(params, images, imageOffset + start * inputSize, n, false);
            if (softmax) {
                loss.probabilities(logits, out, outOffset + start * numClasses);
            } else {
                System.arraycopy(logits.data(), 0, out, outOffset + start * numClasses, n * numClasses);
            }
        }
    }

    private Tensor forward(float[] params, float[] images, int from, int n, boolean training) {
        Shape batchShape = spec.input().prepend(n);
        Tensor x;
        if (from == 0) {
            // Tensors start at index 0 of their array and layers never write into their input.
            x = new Tensor(images, batchShape);
        } else {
            float[] copy = input.get(n * inputSize);
            System.arraycopy(images, from, copy, 0, n * inputSize);
            x = new Tensor(copy, batchShape);
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof Merge merge) {
                Tensor[] in = new Tensor[inputs[i].length];
                for (int k = 0; k < in.length; k++) {
                    in[k] = inputs[i][k] == ModelSpec.MODEL_INPUT ? x : outputs[inputs[i][k]];
                }
                outputs[i] = merge.merge(in);
            } else {
                int k = inputs[i][0];
                outputs[i] = layers[i].forward(k == ModelSpec.MODEL_INPUT ? x : outputs[k], params, offsets[i],
                        training);
            }
        }
        return outputs[layers.length - 1];
    }

    /**
     * Backward from the loss gradient over the visited nodes, last first (each node's parameter
     * gradients are final once it is done, what {@code ready} hears). A node's output gradient is
     * its reader's input gradient as it is, or with several readers their sum, in its own buffer,
     * added in the order the readers run (last first), so the result does not vary run to run.
     */
    private void backward(Tensor lossGradient, float[] params, float[] gradSum, GradientReady ready) {
        java.util.Arrays.fill(gradients, null);
        gradients[layers.length - 1] = lossGradient;
        for (int i = layers.length - 1; i >= 0; i--) {
            if (!visits[i]) {
                continue;
            }
            Tensor g = gradients[i];
            gradients[i] = null;
            if (layers[i] instanceof Merge merge) {
                Tensor[] split = merge.split(g);
                for (int k = 0; k < split.length; k++) {
                    pass(inputs[i][k], split[k]);
                }
            } else {
                pass(inputs[i][0], layers[i].backward(g, params, offsets[i], gradSum));
            }
            ready.finalFrom(offsets[i]);
        }
    }

    /** Hands node {@code to} (if backward visits it) the gradient {@code g} of its output from one reader. */
    private void pass(int to, Tensor g) {
        if (to == ModelSpec.MODEL_INPUT || !visits[to]) {
            return;
        }
        if (readers[to] == 1) {
            gradients[to] = g;
            return;
        }
        Tensor sum = gradients[to];
        if (sum == null) {
            float[] copy = gradientSums[to].get(g.size());
            System.arraycopy(g.data(), 0, copy, 0, g.size());
            gradients[to] = new Tensor(copy, g.shape());
        } else {
            float[] a = sum.data();
            float[] b = g.data();
            // The size hoisted: computed per element it took 6% of a ResNet-20 step (JFR).
            int n = g.size();
            for (int e = 0; e < n; e++) {
                a[e] += b[e];
            }
        }
    }

    private void seedStochasticLayers(long seed, long firstSampleIndex) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof Stochastic s) {
                s.seedBatch(seed + (i + 1) * LAYER_SEED_STRIDE, firstSampleIndex);
            }
        }
    }

    private void checkBatch(float[] params, float[] images, int imageOffset, int count) {
        checkLength("params", params, parameterCount);
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        checkRange("images", images.length, imageOffset, count, inputSize);
    }

    private void checkLabels(int[] labels, int labelOffset, int count) {
        checkRange("labels", labels.length, labelOffset, count, 1);
        for (int j = 0; j < count; j++) {
            int label = labels[labelOffset + j];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("model " + spec.name() + ": label " + label + " at index "
                        + (labelOffset + j) + " is outside [0, " + numClasses + ")");
            }
        }
    }

    private void checkLength(String name, float[] array, int expected) {
        if (array.length != expected) {
            throw new IllegalArgumentException("model " + spec.name() + ": " + name + " has length " + array.length
                    + ", expected parameterCount() = " + expected);
        }
    }

    private void checkRange(String name, int length, int offset, int count, int perSample) {
        long end = offset + (long) count * perSample;
        if (offset < 0 || end > length) {
            throw new IllegalArgumentException("model " + spec.name() + ": " + name + " needs elements [" + offset
                    + ", " + end + ") for " + count + " samples of " + perSample + ", array has " + length);
        }
    }
}
