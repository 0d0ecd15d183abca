package org.convspark.engine.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.convspark.engine.tensor.Shape;

/**
 * A model: a name, a per-sample input shape ({@code C, L}, {@code C, H, W} or {@code C, D, H, W})
 * and a list of layers, each a node of a graph: it reads the nodes its {@link #inputs} name
 * (earlier nodes, or {@link #MODEL_INPUT}), by default the one before it, and the model's output
 * is the last node. A plain list is the chain it always was. Merge layers ({@link MergeSpec})
 * read two or more nodes, every other layer one. Nodes may carry a name ({@link #nodeName}),
 * dotted names grouping them into blocks for the reports. Immutable. Construction runs shape
 * inference over every node, so a spec that exists fits together; an error names the layer
 * index, its type, its name and the shapes.
 */
public final class ModelSpec {
    /** The index {@link #inputs} use for the model's input. */
    public static final int MODEL_INPUT = -1;

    private final String name;
    private final Shape input;
    private final List<LayerSpec> layers;
    private final List<String> names;
    private final List<int[]> inputs;
    /** How many inputs (of all nodes) name each node. */
    private final int[] readers;
    private final List<Shape> outputShapes;

    /**
     * @throws ModelSpecException naming the layer index and type when a layer does not fit its
     *     input (the message also gives the input shape), or the field for a bad input or no layers
     */
    public ModelSpec(String name, Shape input, List<LayerSpec> layers) {
        this(name, input, layers, Collections.nCopies(layers.size(), null), chain(layers.size()));
    }

    /**
     * A graph: node {@code i} is {@code layers[i]}, named {@code names[i]} (null: unnamed), reading
     * the nodes {@code inputs[i]} (earlier indices or {@link #MODEL_INPUT}).
     *
     * @throws ModelSpecException naming the node for an input that is not an earlier node, a
     *     duplicate name, a node whose output no later node reads, or shapes that do not fit
     */
    public ModelSpec(String name, Shape input, List<LayerSpec> layers, List<String> names, List<int[]> inputs) {
        validateInput(input.dims());
        if (layers.isEmpty()) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, "layers",
                    "a model needs at least one layer", null);
        }
        if (names.size() != layers.size() || inputs.size() != layers.size()) {
            throw new IllegalArgumentException(layers.size() + " layers, " + names.size() + " names, " + inputs.size()
                    + " input lists");
        }
        this.name = name;
        this.input = input;
        this.layers = List.copyOf(layers);
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        List<int[]> copies = new ArrayList<>();
        for (int[] in : inputs) {
            copies.add(in.clone());
        }
        this.inputs = Collections.unmodifiableList(copies);
        checkNames();
        List<Shape> shapes = new ArrayList<>();
        this.readers = new int[layers.size()];
        for (int i = 0; i < this.layers.size(); i++) {
            LayerSpec layer = this.layers.get(i);
            List<Shape> in = new ArrayList<>();
            for (int k : this.inputs.get(i)) {
                if (k < MODEL_INPUT || k >= i) {
                    throw new ModelSpecException(null, i, label(i), "inputs", "input " + k + " is not an earlier node",
                            null);
                }
                in.add(k == MODEL_INPUT ? input : shapes.get(k));
                if (k != MODEL_INPUT) {
                    readers[k]++;
                    if (!readsPrevious(i) && names.get(k) == null) {
                        throw new ModelSpecException(null, i, label(i), "inputs", "reads layer " + k
                                + ", which has no name: a node read out of order needs one", null);
                    }
                }
            }
            try {
                if (layer instanceof MergeSpec merge) {
                    shapes.add(merge.outputShape(in));
                } else if (in.size() != 1) {
                    throw new IllegalArgumentException(layer.type() + " reads one input, \"inputs\" names " + in.size());
                } else {
                    shapes.add(layer.outputShape(in.get(0)));
                }
            } catch (IllegalArgumentException e) {
                throw new ModelSpecException(null, i, label(i), null, e.getMessage() + " [input "
                        + (in.size() == 1 ? in.get(0) : MergeSpec.join(in)) + "]", e);
            }
        }
        for (int i = 0; i + 1 < layers.size(); i++) {
            if (readers[i] == 0) {
                throw new ModelSpecException(null, i, label(i), null, "no node reads this node's output (the model's "
                        + "output is the last node)", null);
            }
        }
        this.outputShapes = Collections.unmodifiableList(shapes);
    }

    private static List<int[]> chain(int count) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new int[] {i - 1});
        }
        return out;
    }

    private void checkNames() {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null) {
                continue;
            }
            if (n.isEmpty() || n.equals("input")) {
                throw new ModelSpecException(null, i, layers.get(i).type(), "name", "\"" + n + "\" is not a node name"
                        + (n.isEmpty() ? "" : " (it names the model's input)"), null);
            }
            Integer before = seen.put(n, i);
            if (before != null) {
                throw new ModelSpecException(null, i, label(i), "name", "layer " + before + " has this name already",
                        null);
            }
        }
    }

    /** How errors name node {@code i}: its type, and its name when it has one. */
    public String label(int i) {
        return label(layers.get(i).type(), names.get(i));
    }

    /** How errors name a node of type {@code type} named {@code name} (null: unnamed). */
    public static String label(String type, String name) {
        return type + (name == null ? "" : ", node \"" + name + "\"");
    }

    /** The input rule: {@code [C, L]}, {@code [C, H, W]} or {@code [C, D, H, W]}, every size >= 1. */
    public static boolean isInputShape(int[] input) {
        boolean ok = input.length >= 2 && input.length <= 4;
        for (int i = 0; ok && i < input.length; i++) {
            ok = input[i] >= 1;
        }
        return ok;
    }

    static void validateInput(int[] input) {
        if (!isInputShape(input)) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, "input",
                    "must be [C, L], [C, H, W] or [C, D, H, W] with every size >= 1, got "
                    + java.util.Arrays.toString(input), null);
        }
    }

    public String name() {
        return name;
    }

    public Shape input() {
        return input;
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    /** Per-sample input shape of layer {@code i}: its first input's (a merge's others: {@link #inputShapes}). */
    public Shape inputShape(int i) {
        int k = inputs.get(i)[0];
        return k == MODEL_INPUT ? input : outputShapes.get(k);
    }

    /** The per-sample shapes of every input of node {@code i}, in order. */
    public List<Shape> inputShapes(int i) {
        List<Shape> out = new ArrayList<>();
        for (int k : inputs.get(i)) {
            out.add(k == MODEL_INPUT ? input : outputShapes.get(k));
        }
        return out;
    }

    /** The nodes node {@code i} reads (earlier indices, or {@link #MODEL_INPUT}); a copy. */
    public int[] inputs(int i) {
        return inputs.get(i).clone();
    }

    /** Node {@code i}'s name, or null. */
    public String nodeName(int i) {
        return names.get(i);
    }

    /** Whether node {@code i} reads just the node before it (the model's input for node 0), as in a list. */
    public boolean readsPrevious(int i) {
        return inputs.get(i).length == 1 && inputs.get(i)[0] == i - 1;
    }

    /** How many inputs of later nodes name node {@code i} (0 only for the last node). */
    public int readers(int i) {
        return readers[i];
    }

    /** Whether every node reads the one before it (a plain list of layers, as the format always had). */
    public boolean isChain() {
        for (int i = 0; i < layers.size(); i++) {
            if (!readsPrevious(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether any node has a name. */
    public boolean hasNames() {
        return names.stream().anyMatch(java.util.Objects::nonNull);
    }

    /** The same graph on another input shape (which shape inference checks again). */
    public ModelSpec withInput(Shape newInput) {
        return new ModelSpec(name, newInput, layers, names, inputs);
    }

    /** Per-sample output shape of layer {@code i}. */
    public Shape outputShape(int i) {
        return outputShapes.get(i);
    }

    public Shape outputShape() {
        return outputShapes.get(outputShapes.size() - 1);
    }

    /** Values of the flat parameter array: trainable parameters and state. */
    public long parameterCount() {
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            total += layers.get(i).parameterCount(inputShape(i));
        }
        return total;
    }

    /**
     * How a run log names the model's size: {@code "61706 parameters"}, and the running statistics
     * when it has any ({@code "272474 parameters, 1568 running statistics"}).
     */
    public String sizeText() {
        long state = stateCount();
        return (parameterCount() - state) + " parameters" + (state == 0 ? "" : ", " + state + " running statistics");
    }

    /** Of {@link #parameterCount}, the model state (running statistics) that no optimizer steps. */
    public long stateCount() {
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            total += layers.get(i).stateCount(inputShape(i));
        }
        return total;
    }

    /** Equal when name, input, layers (value records), node names and inputs are equal. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelSpec m) || !Objects.equals(m.name, name) || !m.input.equals(input)
                || !m.layers.equals(layers) || !m.names.equals(names)) {
            return false;
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!java.util.Arrays.equals(m.inputs.get(i), inputs.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, input, layers, names);
    }

    @Override
    public String toString() {
        return "ModelSpec[" + name + ", input " + input + ", " + layers.size() + " layers]";
    }
}
