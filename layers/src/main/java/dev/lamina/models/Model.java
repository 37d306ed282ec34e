package dev.lamina.models;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.ProgressPrinter;
import dev.lamina.callbacks.TrainingModel;
import dev.lamina.core.BatchSource;
import dev.lamina.core.GradMode;
import dev.lamina.core.LaminaIOException;
import dev.lamina.core.Tensor;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;
import dev.lamina.layers.Weight;
import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.Optimizers;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras model: a graph of layer applications from an input to an output, trained with
 * {@link #compile} and {@link #fit}, used with {@link #evaluate} and {@link #predict}. A model is a
 * layer too, so it can be nested in another.
 *
 * <pre>{@code
 * KerasTensor inputs = Input.shape(32, 32, 3);
 * KerasTensor x = new Conv2D(32, 3).activation("relu").apply(inputs);
 * KerasTensor outputs = new Dense(10).activation("softmax").apply(new Flatten().apply(x));
 * Model model = new Model(inputs, outputs);
 * }</pre>
 *
 * <p>A model owns native memory (weights, optimizer slots, gradients, the arrays its steps reuse)
 * that the garbage collector frees only when it runs; {@link #close} frees it at once, for
 * programs that build many models in one JVM.
 */
public class Model extends Layer implements TrainingModel, AutoCloseable {

    private volatile Graph graph;
    /** One plan per mode, made on first use and dropped when the graph changes. */
    private volatile ExecutionPlan[] plans = new ExecutionPlan[8];
    /**
     * One trainer, and so one array arena, for the model's lifetime: a fresh arena per call left
     * every activation of the previous call to the garbage collector, and predict in a loop grew
     * the resident set by gigabytes before a collection.
     */
    private volatile Trainer trainer;
    /**
     * The weights' lock: each training step, {@link #loadWeights} and {@link #setWeights} write;
     * predict, evaluate and save read. Predictions run side by side and never see a step or a load
     * half done, and a save during fit holds the weights between two steps, as Keras' checkpoints.
     */
    private final ReentrantReadWriteLock weightsLock = new ReentrantReadWriteLock();
    private boolean stopTraining;
    /** Set once by {@link #close}, read without the lock by every entry point. */
    private volatile boolean closed;
    private ProgressPrinter printer = ProgressPrinter.console();

    /**
     * A functional model from a symbolic input to a symbolic output.
     *
     * @param inputs the input, from {@code Input.shape(...)} or another model's {@link #input()}
     * @param outputs a tensor computed from the input by layer applications
     * @throws IllegalArgumentException when the output is not computed from the input, or the input
     *     is not an {@code Input}
     */
    public Model(KerasTensor inputs, KerasTensor outputs) {
        this(List.of(inputs), List.of(outputs));
    }

    /**
     * A functional model with several inputs, several outputs, or both:
     * {@code new Model(List.of(imageIn, metaIn), List.of(classOut, boxOut))}.
     *
     * @param inputs the inputs, each from {@code Input.shape(...)}, in the order {@code fit} and
     *     {@code predict} take arrays
     * @param outputs the outputs, in the order losses, targets and predictions follow
     * @throws IllegalArgumentException naming the tensor when an output is not computed from the
     *     inputs, an input is not an {@code Input}, or a list is empty
     */
    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        setGraph(inputs, outputs);
    }

    /**
     * A model with several inputs and one output.
     *
     * @param inputs the inputs
     * @param output the output
     */
    public Model(List<KerasTensor> inputs, KerasTensor output) {
        this(inputs, List.of(output));
    }

    /**
     * A model with one input and several outputs.
     *
     * @param input the input
     * @param outputs the outputs
     */
    public Model(KerasTensor input, List<KerasTensor> outputs) {
        this(List.of(input), outputs);
    }

    /** For subclasses that define their graph later ({@link Sequential}). */
    protected Model() {
    }

    @Override
    public String className() {
        return "Functional";
    }

    /** Sets the graph between these inputs and outputs; see {@link Graph#of}. */
    protected final void setGraph(KerasTensor in, KerasTensor out) {
        setGraph(List.of(in), List.of(out));
    }

    private void setGraph(List<KerasTensor> in, List<KerasTensor> out) {
        requireOpen();
        this.graph = Graph.of(in, out);
        this.plans = new ExecutionPlan[8];
        LayerUsers.add(this, graph.layers());
        build(in.stream().map(KerasTensor::shape).toList());
    }

    /** @return whether the graph exists (a Sequential without an input shape has none until it sees data) */
    public boolean hasGraph() {
        return graph != null;
    }

    /**
     * The symbolic inputs (Keras' {@code model.inputs}), for sub-models sharing this model's weights:
     * {@code new Model(model.inputs(), model.getLayer("conv").output())}.
     *
     * @return the input tensors, in order
     */
    public List<KerasTensor> inputs() {
        requireGraph("inputs()");
        return graph.inputs();
    }

    /**
     * The single symbolic input (Keras' {@code model.input}).
     *
     * @return the input tensor
     * @throws IllegalStateException when the model has several inputs (use {@link #inputs()})
     */
    public KerasTensor input() {
        return single(inputs(), "input", "inputs()");
    }

    /** @return the symbolic outputs (Keras' {@code model.outputs}), in order */
    public List<KerasTensor> outputs() {
        requireGraph("outputs()");
        return graph.outputs();
    }

    /**
     * The single symbolic output (Keras' {@code model.output}).
     *
     * @return the output tensor
     * @throws IllegalStateException when the model has several outputs (use {@link #outputs()})
     */
    @Override
    public KerasTensor output() {
        return single(outputs(), "output", "outputs()");
    }

    private KerasTensor single(List<KerasTensor> ts, String what, String instead) {
        if (ts.size() != 1) {
            throw new IllegalStateException("Model \"" + name() + "\" has " + ts.size() + " " + what + "s; use "
                    + instead);
        }
        return ts.get(0);
    }

    /**
     * The layers, each once, in Keras' order: a functional model lists them by decreasing depth (its
     * InputLayers first), layers of one depth in the order they are met walking back from the
     * outputs.
     *
     * @return the layers
     */
    public List<Layer> layers() {
        return graph == null ? List.of() : graph.layers();
    }

    /**
     * A layer by position in {@link #layers()}.
     *
     * @param index the position
     * @return the layer
     * @throws IndexOutOfBoundsException naming the number of layers
     */
    public Layer getLayer(int index) {
        List<Layer> ls = layers();
        if (index < 0 || index >= ls.size()) {
            throw new IndexOutOfBoundsException("Was asked to retrieve layer at index " + index + " but model only has "
                    + ls.size() + " layers.");
        }
        return ls.get(index);
    }

    /**
     * A layer by name.
     *
     * @param name the layer's name
     * @return the layer
     * @throws IllegalArgumentException listing the names
     */
    public Layer getLayer(String name) {
        for (Layer l : layers()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("No such layer: " + name + ". Existing layers are: "
                + layers().stream().map(Layer::name).toList());
    }

    /** Every weight of every layer, each once (a shared layer's too), in layer order. */
    @Override
    public List<Weight> weights() {
        Set<Weight> all = new LinkedHashSet<>();
        for (Layer l : layers()) {
            all.addAll(l.weights());
        }
        return List.copyOf(all);
    }

    @Override
    public Model name(String name) {
        super.name(name);
        return this;
    }

    @Override
    public Model trainable(boolean trainable) {
        return setTrainable(trainable);
    }

    /** Freezes or unfreezes every layer of the model, as Keras' {@code model.trainable = ...}. */
    @Override
    public Model setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        for (Layer l : layers()) {
            l.setTrainable(trainable);
        }
        return this;
    }

    /**
     * The functional model's config, as Keras writes it: {@code name}, {@code trainable}, every
     * layer's entry with the tensors each application reads ({@code inbound_nodes}), and the
     * {@code input_layers} and {@code output_layers}.
     *
     * @return the config (a new, mutable map)
     * @throws IllegalStateException when two layers share a name, which the config could not tell apart
     */
    @Override
    public Map<String, Object> getConfig() {
        if (graph == null) {
            return super.getConfig();
        }
        return ModelConfig.functional(this);
    }

    /**
     * A functional model rebuilt from {@link #getConfig()}, as Keras' {@code Model.from_config}: the
     * same layers and connections, freshly built.
     *
     * @param config a functional model's config
     * @return the model
     * @throws IllegalArgumentException naming the layer entry when the config cannot be rebuilt
     */
    public static Model fromConfig(Map<String, Object> config) {
        return ModelIO.fromConfig(className(config, "Functional"), config);
    }

    /**
     * Builds a model from the JSON Keras' {@code model.to_json()} writes (Keras 2 or 3, Sequential
     * or functional), as Keras' {@code model_from_json}: the same layers, with fresh weights; load
     * the trained ones with {@link #loadWeights}. Layers or settings Lamina lacks, custom classes
     * and {@code Lambda} layers are refused.
     *
     * @param json the JSON text
     * @return the model, built
     * @throws IllegalArgumentException naming the layer (index, name and class) when the config
     *     cannot be built as Keras would
     */
    public static Model modelFromJson(String json) {
        try {
            return KerasModelReader.fromJson(json, Limits.DEFAULT);
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The class a config describes: a Sequential's config lists layers without inbound nodes. */
    static String className(Map<String, Object> config, String fallback) {
        return config.containsKey("input_layers") ? "Functional" : fallback;
    }

    @Override
    public boolean acceptsSeveralInputs() {
        return graph != null && graph.inputs().size() > 1;
    }

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        return computeOutputShape(List.of(inputShape));
    }

    @Override
    public long[] computeOutputShape(List<long[]> inputShapes) {
        requireGraph("computeOutputShape");
        List<KerasTensor> ins = graph.inputs();
        if (inputShapes.size() != ins.size()) {
            throw new IllegalArgumentException("Model \"" + name() + "\" expects " + ins.size() + " input(s), but it "
                    + "received " + inputShapes.size() + " input tensors");
        }
        for (int i = 0; i < ins.size(); i++) {
            if (!Shapes.compatible(ins.get(i).shape(), inputShapes.get(i))) {
                throw new IllegalArgumentException("Input " + i + " of model \"" + name() + "\" is incompatible: "
                        + "expected shape=" + Shapes.format(ins.get(i).shape()) + ", found shape="
                        + Shapes.format(inputShapes.get(i)));
            }
        }
        long[] out = graph.outputs().get(0).shape();
        out[0] = inputShapes.get(0)[0];
        return out;
    }

    /**
     * Applies the model as a layer of another graph (a backbone), sharing its weights.
     *
     * @param inputs one symbolic tensor per model input
     * @return the symbolic output
     * @throws IllegalArgumentException when the model has several outputs, or the inputs do not fit
     */
    @Override
    public KerasTensor apply(List<KerasTensor> inputs) {
        requireGraph("apply");
        if (graph.outputs().size() != 1) {
            throw new IllegalArgumentException("Model \"" + name() + "\" has " + graph.outputs().size() + " outputs: "
                    + "a model used as a layer must have one output");
        }
        return super.apply(inputs);
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return run(x, training, false);
    }

    @Override
    protected Tensor call(List<Tensor> inputs, boolean training) {
        Tensor[] outs = run(inputs.toArray(new Tensor[0]), training, false);
        return outs[0];
    }

    /**
     * Runs the graph on one input and returns its first output. With {@code logits}, a softmax output
     * layer stops before its softmax (for the fused loss; see {@link SoftmaxAsLogits}).
     */
    Tensor run(Tensor x, boolean training, boolean logits) {
        if (graph.inputs().size() != 1) {
            throw new IllegalArgumentException("Model \"" + name() + "\" expects " + graph.inputs().size()
                    + " inputs, but it received 1 input tensor");
        }
        Tensor[] in = {x};
        Tensor[] out = new Tensor[graph.outputs().size()];
        plan(training, logits).run(in, out);
        return out[0];
    }

    /** Runs the graph on every input and returns every output, in order. */
    Tensor[] run(Tensor[] inputs, boolean training, boolean logits) {
        if (inputs.length != graph.inputs().size()) {
            throw new IllegalArgumentException("Model \"" + name() + "\" expects " + graph.inputs().size()
                    + " input(s), but it received " + inputs.length);
        }
        Tensor[] out = new Tensor[graph.outputs().size()];
        plan(training, logits).run(inputs, out);
        return out;
    }

    /**
     * The plan for a mode; without a tape (inference) dead activations go back to the arena as the
     * graph runs.
     */
    ExecutionPlan plan(boolean training, boolean logits) {
        boolean release = !GradMode.isEnabled();
        // Indexed by the mode's three flags; the Mode object is made only when a plan is built.
        int index = (training ? 4 : 0) + (logits ? 2 : 0) + (release ? 1 : 0);
        requireOpen();
        ExecutionPlan[] cache = plans;
        ExecutionPlan p = cache[index];
        if (p == null) {
            Backend.logDescriptionOnce();
            p = ExecutionPlan.build(graph, new ExecutionPlan.Mode(training, logits, release));
            cache[index] = p;
        }
        return p;
    }

    /**
     * The model's trainer. fit and evaluate hold the model's monitor while they run: they share the
     * trainer's arena and metrics, so calls from several threads take turns. predict does not: each
     * thread predicts in an arena of its own.
     */
    private Trainer trainer() {
        requireOpen();
        Trainer t = trainer;
        if (t == null) {
            // Not the model's monitor: fit holds that for its whole run, and a save or predict from
            // another thread must reach the trainer meanwhile.
            synchronized (weightsLock) {
                t = trainer;
                if (t == null) {
                    t = new Trainer(this);
                    trainer = t;
                }
            }
        }
        return t;
    }

    /** Whether the single output comes from a softmax layer, so training can fuse it with cross-entropy. */
    boolean endsWithSoftmax() {
        return graph != null && SoftmaxAsLogits.appliesTo(graph);
    }

    // ---- compile ----

    /**
     * Configures training with Keras names: {@code compile("rmsprop", "categorical_crossentropy", "accuracy")}.
     *
     * @param optimizer an optimizer name
     * @param loss a loss name, for every output
     * @param metrics metric names, for every output
     */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), (Object[]) metrics);
    }

    /**
     * Configures training: {@code compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy")}.
     *
     * @param optimizer the optimizer
     * @param loss a loss name, for every output
     * @param metrics metric names, for every output
     */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), (Object[]) metrics);
    }

    /**
     * Configures training with objects; metrics may be names or {@link dev.lamina.metrics.Metric}s.
     *
     * @param optimizer the optimizer
     * @param loss the loss, for every output
     * @param metrics metric names or objects, for every output
     */
    public void compile(Optimizer optimizer, Loss loss, Object... metrics) {
        if (loss == null) {
            throw new IllegalArgumentException("compile needs an optimizer and a loss");
        }
        compileChecked(optimizer, List.of(loss), null, metrics);
    }

    /**
     * Configures training with one loss per output, by output layer name, as Keras' loss dict:
     * {@code compile(new Adam(), Map.of("class", "sparse_categorical_crossentropy", "box", "mse"), "accuracy")}.
     * The training loss is the sum of the outputs' losses.
     *
     * @param optimizer the optimizer
     * @param losses a loss (name or {@link Loss}) for every output, keyed by the output's layer name
     * @param metrics metric names or objects, computed for every output and named
     *     {@code <output>_<metric>} when there are several
     * @throws IllegalArgumentException naming the outputs when a key names no output or an output has
     *     no loss
     */
    public void compile(Optimizer optimizer, Map<String, ?> losses, Object... metrics) {
        compile(optimizer, losses, null, metrics);
    }

    /**
     * {@link #compile(Optimizer, Map, Object...)} with Keras' {@code loss_weights}: the training loss
     * is {@code sum(weight[o] * loss[o])}.
     *
     * @param optimizer the optimizer
     * @param losses a loss (name or {@link Loss}) for every output, keyed by the output's layer name
     * @param lossWeights a weight per output layer name ({@code null}: all 1; an output left out: 1)
     * @param metrics metric names or objects, for every output
     * @throws IllegalArgumentException naming the outputs when a key names no output or an output has
     *     no loss
     */
    public void compile(Optimizer optimizer, Map<String, ?> losses, Map<String, ? extends Number> lossWeights,
            Object... metrics) {
        requireGraph("compile with a loss per output");
        List<String> names = outputNames();
        for (String k : losses.keySet()) {
            requireOutputName(k, names, "losses");
        }
        if (lossWeights != null) {
            for (String k : lossWeights.keySet()) {
                requireOutputName(k, names, "lossWeights");
            }
        }
        List<Loss> perOutput = new ArrayList<>();
        double[] weights = new double[names.size()];
        for (int o = 0; o < names.size(); o++) {
            Object l = losses.get(names.get(o));
            if (l == null) {
                throw new IllegalArgumentException("No loss for output \"" + names.get(o) + "\": the losses map must "
                        + "name every output of model \"" + name() + "\": " + names);
            }
            perOutput.add(l instanceof Loss loss ? loss : Losses.get(l.toString()));
            Number w = lossWeights == null ? null : lossWeights.get(names.get(o));
            weights[o] = w == null ? 1.0 : w.doubleValue();
        }
        compileChecked(optimizer, perOutput, weights, metrics);
    }

    /**
     * Configures training from options, the Java form of Keras' keyword arguments; the optimizer
     * defaults to Keras' {@code "rmsprop"}: {@code compile(CompileOptions.loss("categorical_crossentropy").metrics("accuracy"))}.
     *
     * @param options the loss or losses, and optionally the optimizer, metrics and loss weights
     */
    public void compile(CompileOptions options) {
        options.applyTo(this);
    }

    private void requireOutputName(String key, List<String> names, String what) {
        if (!names.contains(key)) {
            throw new IllegalArgumentException("In the " + what + " map, \"" + key + "\" is not an output of model \""
                    + name() + "\". Its outputs are: " + names);
        }
    }

    private void compileChecked(Optimizer optimizer, List<Loss> losses, double[] lossWeights, Object[] metrics) {
        if (optimizer == null) {
            throw new IllegalArgumentException("compile needs an optimizer and a loss");
        }
        for (Object m : metrics) {
            if (!(m instanceof String) && !(m instanceof dev.lamina.metrics.Metric)) {
                throw new IllegalArgumentException("A metric must be a name or a Metric. Received: " + m);
            }
        }
        trainer().compile(optimizer, losses, lossWeights, List.of(metrics));
    }

    /** @return the output layers' names, in output order (Keras' {@code output_names}) */
    public List<String> outputNames() {
        return outputs().stream().map(t -> t.layer().name()).toList();
    }

    /** @return whether {@link #compile} was called */
    public boolean isCompiled() {
        return trainer().isCompiled();
    }

    /** @return the compiled optimizer, or {@code null} */
    public Optimizer optimizer() {
        return trainer().optimizer();
    }

    /**
     * The compiled loss of a single-output model, or the loss given for every output.
     *
     * @return the loss, or {@code null} before compile
     * @throws IllegalStateException when each output has its own loss (use {@link #losses()})
     */
    public Loss loss() {
        List<Loss> ls = trainer().losses();
        if (ls.isEmpty()) {
            return null;
        }
        if (ls.size() > 1) {
            throw new IllegalStateException("Model \"" + name() + "\" has a loss per output; use losses()");
        }
        return ls.get(0);
    }

    /** @return the compiled losses: one for every output, or one per output in output order */
    public List<Loss> losses() {
        return trainer().losses();
    }

    /** @return the compiled loss weights per output, or {@code null} when all are 1 */
    public double[] lossWeights() {
        return trainer().lossWeights();
    }

    /** @return the compiled metrics as given to {@link #compile} (names or Metric objects) */
    public List<Object> compiledMetrics() {
        return trainer().metricSpecs();
    }

    // ---- fit / evaluate / predict ----

    /**
     * Trains on arrays with Keras' defaults ({@code fit(x, y)}: 1 epoch, batch 32, shuffled, progress
     * bar).
     *
     * @param x inputs, samples first
     * @param y targets
     * @return the history
     */
    public History fit(INDArray x, INDArray y) {
        return fit(x, y, FitOptions.defaults());
    }

    /**
     * Trains on arrays, as Keras' {@code fit(x, y, ...)}.
     *
     * @param x inputs, samples first
     * @param y targets: one-hot rows, or class indices {@code (N)} / {@code (N, 1)} for a sparse loss
     * @param options epochs, batch size, validation, callbacks, …
     * @return the history of the metrics per epoch
     */
    public synchronized History fit(INDArray x, INDArray y, FitOptions options) {
        return trainer().fit(new INDArray[] {x}, new INDArray[] {y}, options);
    }

    /**
     * Trains a model with several inputs or outputs on arrays, one per input and one per output in
     * the model's order; every array holds the same samples.
     *
     * @param x the inputs, one array per model input
     * @param y the targets, one array per model output
     * @param options epochs, batch size, validation split, callbacks, …
     * @return the history: {@code loss}, each output's {@code <name>_loss} and {@code <name>_<metric>}
     */
    public synchronized History fit(INDArray[] x, INDArray[] y, FitOptions options) {
        return trainer().fit(x, y, options);
    }

    /**
     * {@link #fit(INDArray[], INDArray[], FitOptions)} with lists, as Keras takes them.
     *
     * @param x the inputs, one array per model input
     * @param y the targets, one array per model output
     * @param options epochs, batch size, validation split, callbacks, …
     * @return the history
     */
    public History fit(List<INDArray> x, List<INDArray> y, FitOptions options) {
        return fit(x.toArray(new INDArray[0]), y.toArray(new INDArray[0]), options);
    }

    /**
     * Trains on a batch source (e.g. {@code ImageDataGenerator.flow}).
     *
     * @param source the training batches
     * @param options epochs, steps per epoch, validation, callbacks, …
     * @return the history of the metrics per epoch
     */
    public synchronized History fit(BatchSource source, FitOptions options) {
        return trainer().fit(source, options);
    }

    /**
     * One training step on one batch, as Keras' {@code train_on_batch}.
     *
     * @param x the batch's inputs
     * @param y the batch's targets
     * @return the loss (computed before the update) and metrics of the batch
     */
    public synchronized EvaluationResult trainOnBatch(INDArray x, INDArray y) {
        return trainer().trainOnBatch(new INDArray[] {x}, new INDArray[] {y});
    }

    /**
     * The loss and metrics over arrays (batch size 32). Prints Keras' progress bar and result line
     * ({@code 313/313 ━━━━ 1s 3ms/step - accuracy: … - loss: …}) to the {@link #progressPrinter}.
     *
     * @param x inputs
     * @param y targets
     * @return the result
     */
    public EvaluationResult evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, 32);
    }

    /**
     * The loss and metrics over arrays. Prints Keras' progress bar and result line
     * ({@code 313/313 ━━━━ 1s 3ms/step - accuracy: … - loss: …}) to the {@link #progressPrinter}.
     *
     * @param x inputs
     * @param y targets
     * @param batchSize samples per batch
     * @return the result
     */
    public synchronized EvaluationResult evaluate(INDArray x, INDArray y, int batchSize) {
        return reading(() -> trainer().evaluate(new INDArray[] {x}, new INDArray[] {y}, batchSize));
    }

    /**
     * The loss and metrics of a model with several inputs or outputs (batch size 32). Prints Keras' progress bar and result line
     * ({@code 313/313 ━━━━ 1s 3ms/step - accuracy: … - loss: …}) to the {@link #progressPrinter}.
     *
     * @param x the inputs, one array per model input
     * @param y the targets, one array per model output
     * @return the result, with each output's loss and metrics named as in {@link #fit(INDArray[], INDArray[], FitOptions)}
     */
    public synchronized EvaluationResult evaluate(INDArray[] x, INDArray[] y) {
        return reading(() -> trainer().evaluate(x, y, 32));
    }

    /**
     * {@link #evaluate(INDArray[], INDArray[])} with lists.
     *
     * @param x the inputs, one array per model input
     * @param y the targets, one array per model output
     * @return the result
     */
    public EvaluationResult evaluate(List<INDArray> x, List<INDArray> y) {
        return evaluate(x.toArray(new INDArray[0]), y.toArray(new INDArray[0]));
    }

    /**
     * The loss and metrics over a batch source. Prints Keras' progress bar and result line
     * ({@code 313/313 ━━━━ 1s 3ms/step - accuracy: … - loss: …}) to the {@link #progressPrinter}.
     *
     * @param source the batches
     * @return the result
     */
    public synchronized EvaluationResult evaluate(BatchSource source) {
        return reading(() -> trainer().evaluate(source, -1, printer));
    }

    /**
     * The model's outputs for inputs (batch size 32), without recording gradients.
     *
     * @param x inputs
     * @return the outputs, samples first
     */
    public INDArray predict(INDArray x) {
        return predict(x, 32);
    }

    /**
     * The model's outputs for inputs, without recording gradients.
     *
     * @param x inputs
     * @param batchSize samples per batch
     * @return the outputs, samples first
     * @throws IllegalStateException when the model has several outputs (use {@link #predict(INDArray[])})
     */
    public INDArray predict(INDArray x, int batchSize) {
        return singleOutput(predictLocked(new INDArray[] {x}, batchSize));
    }

    /**
     * The outputs of a model with several inputs or outputs (batch size 32), without recording
     * gradients.
     *
     * @param x the inputs, one array per model input
     * @return the outputs, one array per model output
     */
    public INDArray[] predict(INDArray[] x) {
        return predictLocked(x, 32);
    }

    /**
     * {@link #predict(INDArray[])} with a list, as Keras takes it.
     *
     * @param x the inputs, one array per model input
     * @return the outputs, one array per model output
     */
    public List<INDArray> predict(List<INDArray> x) {
        return List.of(predict(x.toArray(new INDArray[0])));
    }

    /**
     * The model's outputs for every batch of a source.
     *
     * @param source the batches (targets ignored)
     * @return the outputs, samples first
     */
    public INDArray predict(BatchSource source) {
        Trainer t = trainer();
        weightsLock.readLock().lock();
        try {
            requireOpen();
            return singleOutput(t.predict(source));
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    /** Runs an inference under the weights' read lock. */
    private <T> T reading(Supplier<T> body) {
        weightsLock.readLock().lock();
        try {
            requireOpen();
            return body.get();
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    private INDArray[] predictLocked(INDArray[] x, int batchSize) {
        Trainer t = trainer();
        weightsLock.readLock().lock();
        try {
            requireOpen();
            return t.predict(x, batchSize);
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    /** @return the lock that training steps take for writing and inference for reading */
    ReentrantReadWriteLock weightsLock() {
        return weightsLock;
    }

    private INDArray singleOutput(INDArray[] outs) {
        if (outs.length != 1) {
            throw new IllegalStateException("Model \"" + name() + "\" has " + outs.length + " outputs: use "
                    + "predict(INDArray[]), which returns one array per output");
        }
        return outs[0];
    }

    /**
     * Asks {@code fit} to stop after the current batch (used by callbacks such as EarlyStopping).
     *
     * @param stop whether to stop
     */
    public void stopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    /** @return whether a stop was requested */
    public boolean isStopTraining() {
        return stopTraining;
    }

    /**
     * Where {@code fit} prints its progress (default: standard output).
     *
     * @param printer the printer
     * @return this model
     */
    public Model progressPrinter(ProgressPrinter printer) {
        this.printer = printer;
        return this;
    }

    ProgressPrinter progressPrinter() {
        return printer;
    }

    // ---- saving (see ModelIO) ----

    /**
     * Saves the model to one file: architecture, weights, compile settings and optimizer state, as
     * Keras' {@code model.save}. The file is replaced atomically: a failed save leaves the previous one.
     *
     * @param path the file, conventionally {@code *.lamina}
     * @throws LaminaIOException when writing fails, or the model is a Model subclass (whose
     *     architecture cannot be rebuilt from configs; use {@link #saveWeights})
     */
    public void save(Path path) {
        weightsLock.readLock().lock();
        try {
            requireOpen();
            ModelIO.save(this, path);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    /**
     * Loads a model saved with {@link #save}, compiled and with its optimizer state, as Keras'
     * {@code load_model}; {@code fit(..., FitOptions.epochs(n).initialEpoch(k))} resumes exactly.
     *
     * @param path the file
     * @return the model (a Sequential or functional model)
     * @throws LaminaIOException when the file cannot be read; its cause is a
     *     {@link dev.lamina.saving.ModelFormatException} naming the entry when the file is damaged or invalid
     */
    public static Model load(Path path) {
        try {
            return ModelIO.load(path);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        }
    }

    /**
     * Saves only the weights, in {@link #weights()} order, as Keras' {@code save_weights}.
     *
     * @param path the file
     * @throws LaminaIOException when writing fails (the previous file is then unchanged)
     */
    public void saveWeights(Path path) {
        weightsLock.readLock().lock();
        try {
            requireOpen();
            ModelIO.saveWeights(this, path);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    /**
     * Loads weights saved with {@link #saveWeights} or {@link #save} into this built model of the same
     * architecture, by position; nothing changes unless all of them match.
     *
     * @param path the file
     * @throws LaminaIOException when the file cannot be read or does not match this model
     * @throws IllegalStateException when the model is not built yet
     */
    public void loadWeights(Path path) {
        weightsLock.writeLock().lock();
        try {
            requireOpen();
            ModelIO.loadWeights(this, path);
        } catch (IOException e) {
            throw new LaminaIOException(e);
        } finally {
            weightsLock.writeLock().unlock();
        }
    }

    /**
     * Replaces the weights' values (copied in), in Keras' order, never while a training step or a
     * prediction runs.
     *
     * @param values one array per weight, each of the weight's shape
     * @throws IllegalArgumentException naming the layer, the weight and both shapes on a mismatch
     */
    @Override
    public void setWeights(List<INDArray> values) {
        weightsLock.writeLock().lock();
        try {
            requireOpen();
            super.setWeights(values);
        } finally {
            weightsLock.writeLock().unlock();
        }
    }

    /**
     * Copies of the weights' values, in Keras' order, read between training steps.
     *
     * @return one new array per weight
     * @throws IllegalStateException naming the model once it is closed
     */
    @Override
    public List<INDArray> getWeights() {
        weightsLock.readLock().lock();
        try {
            requireOpen();
            return super.getWeights();
        } finally {
            weightsLock.readLock().unlock();
        }
    }

    // ---- closing ----

    /**
     * Frees at once the native memory this model owns, instead of leaving it to the garbage
     * collector: the arrays its training and evaluation steps reuse, this thread's and other
     * threads' prediction arrays, the cached execution plans, the optimizer's slots for the
     * model's weights, and the weights with their gradients. A nested model (one applied as a
     * layer) is closed with it. Waits for a running {@code fit}, {@code evaluate} or
     * {@code predict} to finish. Closing twice does nothing.
     *
     * <p>Weights shared with another model are freed only when that model cannot use them any
     * more: a layer's weights are left alone while another model that is neither closed nor
     * collected runs the layer (a sub-model made from this model's inner tensors, or the model this
     * one was made from), and so is every layer of a model that is itself nested in another live
     * model; the last of them to close frees them. The layers of a closed model must not be used
     * in a new model.
     *
     * <p>Afterwards every use of the model ({@code compile}, {@code fit}, {@code evaluate},
     * {@code predict}, saving, loading and reading weights, applying it as a layer) throws an
     * {@link IllegalStateException} naming it.
     */
    @Override
    public synchronized void close() {
        weightsLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<Layer> ls = layers();
            List<Weight> all = graph == null ? List.of() : weights();
            Trainer t = trainer;
            if (t != null) {
                List<INDArray> values = new ArrayList<>(all.size());
                all.forEach(w -> values.add(w.value()));
                t.free(values);
            }
            plans = new ExecutionPlan[8];
            // A model nested in a live one keeps its weights for that one.
            boolean nestedElsewhere = LayerUsers.usedElsewhere(this, this);
            for (Layer l : ls) {
                if (nestedElsewhere || LayerUsers.usedElsewhere(l, this)) {
                    continue;
                }
                if (l instanceof Model nested) {
                    nested.close();
                } else {
                    l.weights().forEach(w -> w.variable().free());
                }
            }
            // The freed buffers go back to the C allocator, which would keep their pages.
            MallocTrim.trim();
        } finally {
            weightsLock.writeLock().unlock();
        }
    }

    /**
     * Whether {@link #close} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /** @throws IllegalStateException naming the model once it is closed */
    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Model \"" + name() + "\" was closed: its weights and working memory "
                    + "were freed, so it cannot be used any more");
        }
    }

    // ---- summary ----

    /** Prints Keras' summary table to standard output. */
    public void summary() {
        summary(System.out);
    }

    /**
     * Prints Keras' summary table.
     *
     * @param out where to print
     */
    public void summary(PrintStream out) {
        out.print(summaryString());
    }

    /** @return Keras' summary table as text */
    public String summaryString() {
        return Summary.of(this);
    }

    List<Node> nodes() {
        return graph == null ? List.of() : graph.nodes();
    }

    /** Layers with their output shapes, for the summary: (layer, output shape), in {@link #layers()} order. */
    List<Map.Entry<Layer, long[]>> layerShapes() {
        Map<Layer, long[]> shapes = new IdentityHashMap<>();
        for (KerasTensor in : graph.inputs()) {
            shapes.putIfAbsent(in.layer(), in.shape());
        }
        for (Node n : graph.nodes()) {
            shapes.putIfAbsent(n.layer(), n.output().shape());
        }
        List<Map.Entry<Layer, long[]>> rows = new ArrayList<>();
        for (Layer l : layers()) {
            if (shapes.containsKey(l)) {
                rows.add(Map.entry(l, shapes.get(l)));
            }
        }
        return rows;
    }

    /** @throws IllegalStateException when the model has no graph yet */
    void requireGraph(String what) {
        if (graph == null) {
            throw new IllegalStateException("Model \"" + name() + "\" has no input shape yet, so " + what
                    + " is not available: give the first layer an inputShape(...) or call fit/predict first");
        }
    }

    /** Builds the graph from a data shape when the model has none (a Sequential without an input shape). */
    void ensureGraph(long[] dataShape) {
    }
}
