package dev.lamina.layers;

import dev.lamina.core.GradMode;
import dev.lamina.core.Lamina;
import dev.lamina.core.Seeds;
import dev.lamina.core.Tensor;
import dev.lamina.initializers.Initializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The base of every Keras layer: validated configuration, lazy {@code build} from the input shape,
 * {@code call}, output-shape inference without running, named weights with trainable flags, and
 * a Keras-style config.
 *
 * <p>A layer is built the first time it sees an input shape (from {@link #inputShape(int...)}, a
 * model, or data), creating its weights with its initializers; seeds derive from the global seed
 * and the layer's creation index, so the same model built after the same {@code Lamina.setSeed}
 * gets the same weights.
 */
public abstract class Layer {

    private static final Map<String, AtomicInteger> NAME_COUNTS = new ConcurrentHashMap<>();
    /** Keras-style base names by class name, worked out once per class. */
    private static final Map<String, String> SNAKE_CASE_NAMES = new ConcurrentHashMap<>();

    private String name;
    private long[] declaredInputShape;
    private List<long[]> builtInputShapes;
    private boolean built;
    private boolean trainable = true;
    private final List<Weight> weights = new ArrayList<>();
    private long drawIndex = Lamina.nextDrawIndex();
    private KerasTensor output;

    /** Creates a layer named after its class, Keras-style: {@code conv2d}, {@code conv2d_1}, … */
    protected Layer() {
        String base = snakeCase(className());
        int n = NAME_COUNTS.computeIfAbsent(base, k -> new AtomicInteger()).getAndIncrement();
        this.name = n == 0 ? base : base + "_" + n;
    }

    /** @return the Keras class name shown in summaries, e.g. {@code "Conv2D"} */
    public String className() {
        return getClass().getSimpleName();
    }

    /** @return the layer's name, unique per class name in this JVM unless set */
    public String name() {
        return name;
    }

    /**
     * Renames the layer.
     *
     * @param name a non-empty name
     * @return this layer
     */
    public Layer name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A layer name must not be empty. Received: name=" + name);
        }
        this.name = name;
        return this;
    }

    /**
     * The shape of one sample, for a model's first layer (Keras' {@code input_shape}).
     *
     * @param dims the per-sample dimensions, e.g. {@code 28, 28, 1}
     * @return this layer
     */
    public Layer inputShape(int... dims) {
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("input_shape entries must be positive. Received: input_shape="
                        + Arrays.toString(dims));
            }
        }
        this.declaredInputShape = Shapes.withBatch(Shapes.toLong(dims));
        return this;
    }

    /** @return the declared input shape with a -1 batch, or {@code null} */
    public long[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    /** @return the input shape the layer was built for (batch -1), or {@code null} before building */
    public long[] builtInputShape() {
        return builtInputShapes == null ? null : builtInputShapes.get(0).clone();
    }

    /**
     * The shapes of every input the layer was built for (one for most layers, several for merge
     * layers), batch -1.
     *
     * @return copies of the shapes, or {@code null} before building
     */
    public List<long[]> builtInputShapes() {
        return builtInputShapes == null ? null : builtInputShapes.stream().map(long[]::clone).toList();
    }

    /** @return whether the weights exist */
    public boolean isBuilt() {
        return built;
    }

    /**
     * Creates the weights for an input shape; does nothing when already built.
     *
     * @param inputShape the input shape, batch first (-1 for unknown)
     * @throws IllegalArgumentException naming the layer when the shape does not suit it
     */
    public final void build(long[] inputShape) {
        if (built) {
            return;
        }
        long[] shape = Shapes.unknownBatch(inputShape);
        computeOutputShape(shape);
        onBuild(shape);
        setBuilt(List.of(shape));
    }

    /**
     * Creates the weights for the shapes of several inputs (a merge layer); one shape builds as
     * {@link #build(long[])} does. Does nothing when already built.
     *
     * @param inputShapes the input shapes, batch first (-1 for unknown)
     * @throws IllegalArgumentException naming the layer when the shapes do not suit it
     */
    public final void build(List<long[]> inputShapes) {
        if (!acceptsSeveralInputs()) {
            requireOne(inputShapes.size());
            build(inputShapes.get(0));
            return;
        }
        if (built) {
            return;
        }
        List<long[]> shapes = inputShapes.stream().map(Shapes::unknownBatch).toList();
        computeOutputShape(shapes);
        onBuild(shapes);
        setBuilt(shapes);
    }

    private void setBuilt(List<long[]> shapes) {
        builtInputShapes = shapes;
        built = true;
    }

    /**
     * Creates the layer's weights with {@link #addWeight}. Called once, with a validated shape.
     *
     * @param inputShape the input shape, batch -1
     */
    protected void onBuild(long[] inputShape) {
    }

    /**
     * Creates the weights of a layer that takes several inputs. Called once, with validated shapes.
     *
     * @param inputShapes the input shapes, batch -1
     */
    protected void onBuild(List<long[]> inputShapes) {
    }

    /**
     * The output shape for an input shape, without running the layer.
     *
     * @param inputShape the input shape, batch first (-1 for unknown)
     * @return the output shape
     * @throws IllegalArgumentException naming the layer when the input does not suit it
     */
    public abstract long[] computeOutputShape(long[] inputShape);

    /**
     * The output shape for the shapes of several inputs. Layers that take one input accept a list of
     * one shape; merge layers override this.
     *
     * @param inputShapes the input shapes, batch first (-1 for unknown)
     * @return the output shape
     * @throws IllegalArgumentException naming the layer when the inputs do not suit it
     */
    public long[] computeOutputShape(List<long[]> inputShapes) {
        requireOne(inputShapes.size());
        return computeOutputShape(inputShapes.get(0));
    }

    /**
     * Whether a call takes several tensors (a merge layer, or a model with several inputs) rather
     * than exactly one.
     *
     * @return {@code false} for layers of one input
     */
    public boolean acceptsSeveralInputs() {
        return false;
    }

    private int requireOne(int count) {
        if (count != 1) {
            throw new IllegalArgumentException("Layer \"" + name + "\" (" + className() + ") expects 1 input, but it "
                    + "received " + count + " input tensors");
        }
        return count;
    }

    /**
     * The layer's computation.
     *
     * @param input the input
     * @param training whether in training (dropout drops, batch normalization uses batch statistics)
     * @return the output
     */
    protected abstract Tensor call(Tensor input, boolean training);

    /**
     * Builds the layer if needed, checks the input's shape against the one it was built for, and
     * calls it.
     *
     * @param input the input, batch first
     * @param training whether in training
     * @return the output
     * @throws IllegalArgumentException naming the layer and both shapes on a mismatch
     */
    public final Tensor forward(Tensor input, boolean training) {
        buildOrCheck(input);
        if (runsWithoutTape(input)) {
            try (GradMode.Scope off = GradMode.disabled()) {
                return call(input, training);
            }
        }
        return call(input, training);
    }

    /**
     * Whether a call needs no tape: the layer is frozen and nothing it reads wants a gradient, so
     * no gradient can flow through it. Its ops are then not recorded and the backward pass never
     * visits it (a frozen backbone costs a forward pass only, as in Keras, where no gradient is
     * taken for non-trainable weights).
     */
    private boolean runsWithoutTape(Tensor input) {
        return !trainable && !input.requiresGrad() && GradMode.isEnabled();
    }

    /**
     * The computation of a layer that takes several inputs. Layers of one input accept a list of
     * one tensor; merge layers override this.
     *
     * @param inputs the inputs
     * @param training whether in training
     * @return the output
     */
    protected Tensor call(List<Tensor> inputs, boolean training) {
        requireOne(inputs.size());
        return call(inputs.get(0), training);
    }

    /**
     * Builds the layer if needed, checks each input's shape against the one it was built for, and
     * calls it on all of its inputs.
     *
     * @param inputs the inputs, batch first
     * @param training whether in training
     * @return the output
     * @throws IllegalArgumentException naming the layer, the input and both shapes on a mismatch
     */
    public final Tensor forward(List<Tensor> inputs, boolean training) {
        if (!acceptsSeveralInputs()) {
            requireOne(inputs.size());
            return forward(inputs.get(0), training);
        }
        buildOrCheck(inputs);
        boolean noTape = !trainable && GradMode.isEnabled();
        for (int i = 0; i < inputs.size() && noTape; i++) {
            noTape = !inputs.get(i).requiresGrad();
        }
        if (noTape) {
            try (GradMode.Scope off = GradMode.disabled()) {
                return call(inputs, training);
            }
        }
        return call(inputs, training);
    }

    /** Builds the layer for these inputs on first use, else checks them against the built shapes. */
    final void buildOrCheck(List<Tensor> inputs) {
        if (!built) {
            build(inputs.stream().map(Tensor::shape).toList());
        } else {
            checkTensors(inputs);
        }
    }

    /** {@link #checkShapes} on the arrays' own shapes, read and not kept (no copies per call). */
    private void checkTensors(List<Tensor> inputs) {
        if (inputs.size() != builtInputShapes.size()) {
            checkShapes(inputs.stream().map(Tensor::shape).toList());
            return;
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (!Shapes.compatible(builtInputShapes.get(i), inputs.get(i).value().shape())) {
                checkShapes(inputs.stream().map(Tensor::shape).toList());
            }
        }
    }

    private void checkShapes(List<long[]> actual) {
        if (actual.size() != builtInputShapes.size()) {
            throw new IllegalArgumentException("Layer \"" + name + "\" expects " + builtInputShapes.size()
                    + " inputs, but it received " + actual.size() + " input tensors");
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!Shapes.compatible(builtInputShapes.get(i), actual.get(i))) {
                throw new IllegalArgumentException("Input " + i + " of layer \"" + name + "\" is incompatible with the "
                        + "layer: expected shape=" + Shapes.format(builtInputShapes.get(i)) + ", found shape="
                        + Shapes.format(actual.get(i)));
            }
        }
    }

    /**
     * Builds the layer for its first input; afterwards checks each input's shape against the one
     * it was built for.
     *
     * @param input the input, batch first
     * @throws IllegalArgumentException naming the layer and both shapes on a mismatch
     */
    final void buildOrCheck(Tensor input) {
        if (!built) {
            build(input.shape());
            return;
        }
        // The array's own shape, read and not kept: a copy per layer call was measurable garbage.
        long[] actual = input.value().shape();
        long[] expected = builtInputShapes.get(0);
        if (!Shapes.compatible(expected, actual)) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name + "\" is incompatible with the layer: "
                    + "expected shape=" + Shapes.format(expected) + ", found shape=" + Shapes.format(actual));
        }
    }

    /**
     * Applies the layer to symbolic tensors (the functional API), building it from their shapes:
     * one tensor for most layers, several for a merge layer ({@code new Add().apply(x, y)}). A layer
     * applied again shares its weights with every earlier application (Keras' shared layers). With
     * no tensor, a layer that declares its input shape starts a graph (an input layer).
     *
     * @param inputs the symbolic inputs
     * @return the symbolic output
     * @throws IllegalArgumentException naming the layer and the shapes when the inputs do not suit it
     */
    public KerasTensor apply(KerasTensor... inputs) {
        return apply(inputs == null ? List.of() : Arrays.asList(inputs));
    }

    /**
     * {@link #apply(KerasTensor...)} on a list, e.g. {@code new Concatenate().apply(branches)}.
     *
     * @param inputs the symbolic inputs
     * @return the symbolic output
     * @throws IllegalArgumentException naming the layer and the shapes when the inputs do not suit it
     */
    public KerasTensor apply(List<KerasTensor> inputs) {
        if (inputs.isEmpty()) {
            // A model's input: the layer's own declared shape starts the graph.
            if (!(this instanceof InputLayer) || declaredInputShape == null) {
                throw new IllegalArgumentException("Layer \"" + name + "\" needs an input to apply to");
            }
            output = KerasTensor.produced(this, List.of(), declaredInputShape);
            return output;
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                throw new IllegalArgumentException("Input " + i + " of layer \"" + name + "\" is null");
            }
        }
        List<long[]> shapes = inputs.stream().map(KerasTensor::shape).toList();
        if (built) {
            checkShapes(shapes);
        }
        long[] outShape = computeOutputShape(shapes);
        build(shapes);
        output = KerasTensor.produced(this, inputs, outShape);
        return output;
    }

    /**
     * The symbolic output of this layer's latest application in a model, for sub-models that share
     * weights: {@code new Model(model.inputs(), model.getLayer(2).output())}.
     *
     * @return the symbolic output
     * @throws IllegalStateException when the layer was never applied in a model
     */
    public KerasTensor output() {
        if (output == null) {
            throw new IllegalStateException("Layer \"" + name + "\" has never been called and thus has no defined "
                    + "output; add it to a model with a known input shape first");
        }
        return output;
    }

    /**
     * Creates a weight; for use in {@link #onBuild}.
     *
     * @param weightName the weight's name, e.g. {@code "kernel"}
     * @param shape its shape
     * @param initializer how to fill it
     * @param trainableWeight whether the optimizer may update it
     * @return the weight
     * @throws IllegalStateException when a {@link WeightBudget} is open and the weight exceeds it
     */
    protected Weight addWeight(String weightName, long[] shape, Initializer initializer, boolean trainableWeight) {
        WeightBudget.charge(this, weightName, shape);
        long seed = Seeds.derive(Lamina.getSeed(), "init", drawIndex, weights.size());
        INDArray value = initializer.initialize(shape, DataType.FLOAT, seed);
        Weight w = new Weight(this, weightName, value, trainableWeight);
        weights.add(w);
        return w;
    }

    /** @return the weights in Keras' order (live) */
    public List<Weight> weights() {
        return Collections.unmodifiableList(weights);
    }

    /**
     * Copies of the weights' values, in Keras' order and shapes (e.g. Conv2D: kernel
     * {@code (kH, kW, inC, filters)}, bias {@code (filters)}).
     *
     * @return the values
     */
    public List<INDArray> getWeights() {
        List<INDArray> out = new ArrayList<>();
        for (Weight w : weights()) {
            out.add(w.value().dup());
        }
        return out;
    }

    /**
     * Replaces the weights' values (copied in), in Keras' order.
     *
     * @param values one array per weight, each of the weight's shape
     * @throws IllegalArgumentException naming the layer, the weight and both shapes on a mismatch
     */
    public void setWeights(List<INDArray> values) {
        List<Weight> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("Layer \"" + name + "\" expects " + ws.size() + " weights, but "
                    + values.size() + " were given");
        }
        for (int i = 0; i < ws.size(); i++) {
            INDArray target = ws.get(i).value();
            INDArray v = values.get(i);
            if (!Arrays.equals(target.shape(), v.shape())) {
                throw new IllegalArgumentException("Layer \"" + name + "\" weight \"" + ws.get(i).name()
                        + "\" has shape " + Shapes.format(target.shape()) + ", but the given array has shape "
                        + Shapes.format(v.shape()));
            }
        }
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).value().assign(values.get(i).castTo(ws.get(i).value().dataType()));
        }
    }

    /**
     * Writes the layer's own variables into {@code store} by name, as Keras 3's
     * {@code save_own_variables}: by default each weight's live value under the weight's name
     * ({@code kernel}, {@code bias}, {@code moving_mean}, …). A model's saving walks its layers and
     * reads the store before the layer changes again; a layer with other variables overrides this and
     * {@link #loadOwnVariables} together.
     *
     * @param store the variables by name
     */
    public void saveOwnVariables(Map<String, INDArray> store) {
        for (Weight w : weights) {
            store.put(w.name(), w.value());
        }
    }

    /**
     * Reads the layer's own variables from a store written by {@link #saveOwnVariables}, as Keras
     * 3's {@code load_own_variables}. Nothing changes unless every variable is present with its shape.
     *
     * @param store the variables by name
     * @throws IllegalArgumentException naming the layer and the variable when one is missing or has
     *     another shape
     */
    public void loadOwnVariables(Map<String, INDArray> store) {
        List<INDArray> values = new ArrayList<>(weights.size());
        for (Weight w : weights) {
            INDArray v = store.get(w.name());
            if (v == null) {
                throw new IllegalArgumentException("Layer \"" + name + "\" has no saved variable \"" + w.name()
                        + "\"; the store holds " + store.keySet());
            }
            values.add(v);
        }
        setWeights(values);
    }

    /** @return the weights training updates */
    public List<Weight> trainableWeights() {
        return weights().stream().filter(Weight::isTrainable).toList();
    }

    /** @return the weights training leaves alone */
    public List<Weight> nonTrainableWeights() {
        return weights().stream().filter(w -> !w.isTrainable()).toList();
    }

    /** @return the number of scalar parameters */
    public long countParams() {
        return weights().stream().mapToLong(w -> w.value().length()).sum();
    }

    /** @return whether training may change this layer's weights */
    public boolean isTrainable() {
        return trainable;
    }

    /**
     * Freezes or unfreezes the layer (Keras' {@code layer.trainable = ...}). A frozen layer's
     * weights are left out of training and counted as non-trainable; when nothing it reads wants a
     * gradient it runs without recording, so no backward work is done for it; a frozen
     * BatchNormalization runs in inference mode, as in Keras.
     *
     * @param trainable whether training may change the weights
     * @return this layer
     */
    public Layer setTrainable(boolean trainable) {
        this.trainable = trainable;
        return this;
    }

    /**
     * Keras' {@code layer.trainable = ...} as a fluent setter: {@link #setTrainable(boolean)}.
     *
     * @param trainable whether training may change the weights
     * @return this layer
     */
    public Layer trainable(boolean trainable) {
        return setTrainable(trainable);
    }

    /**
     * The layer's Keras config: {@code name}, {@code trainable}, the input shape when declared, and
     * each layer's own arguments.
     *
     * @return the config (a new, mutable map)
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("trainable", trainable);
        if (declaredInputShape != null) {
            c.put("batch_input_shape", toList(declaredInputShape));
        }
        return c;
    }

    /**
     * The layer as an entry of a model's config, as Keras' {@code serialize_keras_object}:
     * {@code {"class_name", "config", "seed_index"}}, and {@code "random_state"} when the layer has
     * drawn random numbers. A model's entry holds its whole config, nested layers included.
     *
     * @return the entry (a new, mutable map)
     * @throws IllegalStateException when the config cannot be written (a functional model with two
     *     layers of one name)
     */
    public Map<String, Object> serialize() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class_name", className());
        e.put("config", getConfig());
        e.put("seed_index", seedIndex());
        long[] random = randomState();
        if (random != null) {
            // The layer's seed generator: a loaded model continues its sequence.
            e.put("random_state", List.of(random[0], random[1]));
        }
        return e;
    }

    /**
     * The layer's place in the sequence of random-drawing objects since the last
     * {@code Lamina.setSeed}, from which its initializer and dropout seeds derive.
     *
     * @return the index
     */
    public long seedIndex() {
        return drawIndex;
    }

    /**
     * Restores the seed index of a saved layer, so that a reloaded model draws the same dropout
     * masks as the original would have (exact resumption).
     *
     * @param index the saved {@link #seedIndex()}
     */
    public void seedIndex(long index) {
        this.drawIndex = index;
    }

    /**
     * The state of the layer's random draws, {@code {seed, counter}} of its
     * {@link dev.lamina.core.SeedGenerator}, saved with a model (as Keras 3 saves seed generator
     * states) so that a loaded model draws what the original would have.
     *
     * @return the state, or {@code null} when the layer has drawn nothing (or never draws)
     */
    public long[] randomState() {
        return null;
    }

    /**
     * Restores {@link #randomState()} from a saved model; layers without random draws ignore it.
     *
     * @param state a saved {@code {seed, counter}}
     * @throws IllegalArgumentException when the state is not two numbers with a non-negative counter
     */
    public void randomState(long[] state) {
    }

    /** A seed for this layer's random draws, from the global seed and the layer's seed index. */
    protected long drawSeed(String purpose, long... parts) {
        long[] all = new long[parts.length + 1];
        all[0] = drawIndex;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return Seeds.derive(Lamina.getSeed(), purpose, all);
    }

    /** Applies common config entries (name, trainable, input shape) when rebuilding from a config. */
    protected Layer configureFrom(Map<String, Object> config) {
        Object n = config.get("name");
        if (n != null) {
            name(n.toString());
        }
        Object t = config.get("trainable");
        if (t instanceof Boolean b) {
            setTrainable(b);
        }
        Object s = config.get("batch_input_shape");
        if (s instanceof List<?> list && list.size() > 1) {
            inputShape(ints(list.subList(1, list.size())));
        } else if (config.get("input_shape") instanceof List<?> list) {
            inputShape(ints(list));
        }
        return this;
    }

    private static int[] ints(List<?> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).intValue();
        }
        return out;
    }

    static List<Object> toList(long[] shape) {
        List<Object> out = new ArrayList<>();
        for (long d : shape) {
            out.add(d < 0 ? null : d);
        }
        return out;
    }

    /** {@code Conv2D} → {@code conv2d}, {@code MaxPooling2D} → {@code max_pooling2d}, as Keras names layers. */
    static String snakeCase(String className) {
        // Remembered per class name: two regular expressions for every layer made were a tenth of
        // the Java garbage of building a small model.
        return SNAKE_CASE_NAMES.computeIfAbsent(className, c -> c.replaceAll("([a-z])([A-Z])", "$1_$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2").toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name + " (" + className() + ")";
    }
}
