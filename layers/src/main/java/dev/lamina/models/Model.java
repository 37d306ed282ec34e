package dev.lamina.models;

import dev.lamina.callbacks.ProgressPrinter;
import dev.lamina.core.ArrayArena;
import dev.lamina.core.BatchSource;
import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import dev.lamina.layers.ActivatedLayer;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.InputLayer;
import dev.lamina.layers.Layer;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.layers.Shapes;
import dev.lamina.layers.Weight;
import dev.lamina.losses.Loss;
import dev.lamina.losses.Losses;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.Optimizers;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
 */
public class Model extends Layer {

    /** One layer application: {@code output = layer(input)}. */
    record Node(Layer layer, KerasTensor input, KerasTensor output) {
    }

    private KerasTensor input;
    private KerasTensor output;
    private List<Node> nodes = List.of();
    /** The map of graph tensors to values that {@link #run} fills, kept between calls. */
    private final AtomicReference<Map<KerasTensor, Tensor>> spareValues = new AtomicReference<>();
    /** Per node, the tensors that die after it: see {@link #deadAfter()}. */
    private List<List<KerasTensor>> deadAfter;
    /**
     * One trainer, and so one array arena, for the model's lifetime: a fresh arena per call left
     * every activation of the previous call to the garbage collector, and predict in a loop grew
     * the resident set by gigabytes before a collection.
     */
    private Trainer trainer;
    private Optimizer optimizer;
    private Loss loss;
    private List<Object> metricSpecs = List.of();
    private boolean stopTraining;
    private ProgressPrinter printer = ProgressPrinter.console();

    /**
     * A functional model from a symbolic input to a symbolic output.
     *
     * @param inputs the input, from {@code Input.shape(...)} or another model's {@link #inputs()}
     * @param outputs a tensor computed from the input by layer applications
     * @throws IllegalArgumentException when the output does not depend on the input
     */
    public Model(KerasTensor inputs, KerasTensor outputs) {
        setGraph(inputs, outputs);
    }

    /** For subclasses that define their graph later ({@link Sequential}). */
    protected Model() {
    }

    @Override
    public String className() {
        return "Functional";
    }

    /** Sets the graph: the nodes between {@code in} and {@code out}, in execution order. */
    protected final void setGraph(KerasTensor in, KerasTensor out) {
        List<Node> chain = new ArrayList<>();
        KerasTensor t = out;
        while (t != in) {
            if (t == null || t.input() == null) {
                throw new IllegalArgumentException("The output " + out + " is not computed from the input " + in
                        + ": a functional model's output must be reachable from its input through layer applications");
            }
            chain.add(new Node(t.layer(), t.input(), t));
            t = t.input();
        }
        Collections.reverse(chain);
        this.input = in;
        this.output = out;
        this.nodes = List.copyOf(chain);
        this.deadAfter = null;
        build(in.shape());
    }

    /** @return whether the graph exists (a Sequential without an input shape has none until it sees data) */
    public boolean hasGraph() {
        return input != null;
    }

    /**
     * The symbolic input, for feature-extraction sub-models sharing this model's weights:
     * {@code new Model(model.inputs(), model.getLayer(2).output())}.
     *
     * @return the input tensor
     */
    public KerasTensor inputs() {
        requireGraph("inputs()");
        return input;
    }

    /** @return the symbolic output */
    public KerasTensor outputs() {
        requireGraph("outputs()");
        return output;
    }

    /**
     * The layers, in order. A functional model lists its InputLayer first, as Keras does.
     *
     * @return the layers
     */
    public List<Layer> layers() {
        List<Layer> out = new ArrayList<>();
        if (input != null && input.layer() instanceof InputLayer) {
            out.add(input.layer());
        }
        for (Node n : nodes) {
            if (!out.contains(n.layer())) {
                out.add(n.layer());
            }
        }
        return out;
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

    /** Every weight of every layer, each once, in layer order. */
    @Override
    public List<Weight> weights() {
        Set<Weight> all = new LinkedHashSet<>();
        for (Layer l : layers()) {
            all.addAll(l.weights());
        }
        return List.copyOf(all);
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

    @Override
    public long[] computeOutputShape(long[] inputShape) {
        requireGraph("computeOutputShape");
        if (!Shapes.compatible(input.shape(), inputShape)) {
            throw new IllegalArgumentException("Input 0 of model \"" + name() + "\" is incompatible: expected shape="
                    + Shapes.format(input.shape()) + ", found shape=" + Shapes.format(inputShape));
        }
        long[] out = output.shape();
        out[0] = inputShape[0];
        return out;
    }

    @Override
    protected Tensor call(Tensor x, boolean training) {
        return run(x, training, false);
    }

    /**
     * Runs the graph. With {@code logits}, the last layer stops before its softmax (for the fused
     * loss), which the caller must have checked with {@link #endsWithSoftmax()}.
     */
    Tensor run(Tensor x, boolean training, boolean logits) {
        // Without a tape (inference), an activation is dead once its last consumer has run, and
        // the arena may hand its array to a later layer.
        boolean release = !GradMode.isEnabled();
        // A map per call (~300 bytes) was an eighth of LeNet's Java garbage per training step; a call
        // that finds the spare taken (another thread) makes its own.
        Map<KerasTensor, Tensor> values = spareValues.getAndSet(null);
        if (values == null) {
            values = new IdentityHashMap<>();
        }
        try {
            return run(values, x, training, logits, release);
        } finally {
            values.clear();
            spareValues.set(values);
        }
    }

    private Tensor run(Map<KerasTensor, Tensor> values, Tensor x, boolean training, boolean logits, boolean release) {
        values.put(input, x);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Tensor in = values.get(n.input());
            if (poolsBeforeActivation(i)) {
                // relu then max pooling equals max pooling then relu, values and gradients alike
                // (the pooled position is the same; where every input is <= 0 both give zero
                // gradient), and the activation then runs on a quarter of the elements.
                ActivatedLayer activated = (ActivatedLayer) n.layer();
                Node pool = nodes.get(i + 1);
                Tensor pre = activated.forwardLogits(in, training);
                Tensor pooled = pool.layer().forward(pre, training);
                Tensor out = activated.activation().apply(pooled);
                if (release) {
                    releaseUnlessShared(pre, List.of(in, pooled));
                    releaseUnlessShared(pooled, List.of(in, out));
                }
                values.put(pool.output(), out);
                i++;
            } else {
                if (release && !training && n.layer() instanceof BatchNormalization
                        && deadAfter().get(i).contains(n.input())) {
                    // Inference batch normalization is x * scale + offset per element: with its input
                    // dying here, its output may take the input's buffer and run in place.
                    releaseUnlessShared(values.remove(n.input()), values.values());
                }
                boolean last = i == nodes.size() - 1;
                Tensor out = last && logits ? ((ActivatedLayer) n.layer()).forwardLogits(in, training)
                        : n.layer().forward(in, training);
                values.put(n.output(), out);
            }
            if (release) {
                releaseDead(values, i);
            }
        }
        return values.get(output);
    }

    /** Releases the values whose last consumer is node {@code i} and that no live value shares. */
    private void releaseDead(Map<KerasTensor, Tensor> values, int i) {
        for (KerasTensor t : deadAfter().get(i)) {
            Tensor dead = values.remove(t);
            if (dead != null) {
                releaseUnlessShared(dead, values.values());
            }
        }
    }

    /** Hands a dead value's array back to the arena unless a live value shares its buffer. */
    private static void releaseUnlessShared(Tensor dead, Collection<Tensor> live) {
        for (Tensor t : live) {
            if (ArrayArena.shareBuffer(dead.value(), t.value())) {
                return;
            }
        }
        ArrayArena.release(dead.value());
    }

    /**
     * For each node, the graph tensors whose last consumer it is (never the model's input or
     * output), computed once.
     */
    private List<List<KerasTensor>> deadAfter() {
        if (deadAfter == null) {
            Map<KerasTensor, Integer> lastUse = new IdentityHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                lastUse.put(nodes.get(i).input(), i);
            }
            List<List<KerasTensor>> dead = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                dead.add(new ArrayList<>());
            }
            lastUse.forEach((t, i) -> {
                if (t != input && t != output) {
                    dead.get(i).add(t);
                }
            });
            deadAfter = dead;
        }
        return deadAfter;
    }

    /**
     * Whether node i is a relu layer whose only consumer is the next node, a max pooling, so the
     * two may run as pooling then relu.
     */
    private boolean poolsBeforeActivation(int i) {
        if (i + 1 >= nodes.size()) {
            return false;
        }
        Node n = nodes.get(i);
        Node next = nodes.get(i + 1);
        if (!(n.layer() instanceof ActivatedLayer a) || !"relu".equals(a.activation().name())
                || !(next.layer() instanceof MaxPooling2D) || next.input() != n.output() || n.output() == output) {
            return false;
        }
        for (int j = 0; j < nodes.size(); j++) {
            if (j != i + 1 && nodes.get(j).input() == n.output()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The model's trainer. fit, evaluate and predict hold the model's lock while they run: they
     * share the trainer's arena, so calls from several threads take turns.
     */
    private synchronized Trainer trainer() {
        if (trainer == null) {
            trainer = new Trainer(this);
        }
        return trainer;
    }

    /** Whether the last layer applies a softmax, so training can fuse it with cross-entropy. */
    boolean endsWithSoftmax() {
        if (nodes.isEmpty()) {
            return false;
        }
        Layer last = nodes.get(nodes.size() - 1).layer();
        return last instanceof ActivatedLayer a && "softmax".equals(a.activation().name());
    }

    // ---- compile ----

    /**
     * Configures training with Keras names: {@code compile("rmsprop", "categorical_crossentropy", "accuracy")}.
     *
     * @param optimizer an optimizer name
     * @param loss a loss name
     * @param metrics metric names
     */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), (Object[]) metrics);
    }

    /**
     * Configures training: {@code compile(new Adam(1e-3), "sparse_categorical_crossentropy", "accuracy")}.
     *
     * @param optimizer the optimizer
     * @param loss a loss name
     * @param metrics metric names
     */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), (Object[]) metrics);
    }

    /**
     * Configures training with objects; metrics may be names or {@link dev.lamina.metrics.Metric}s.
     *
     * @param optimizer the optimizer
     * @param loss the loss
     * @param metrics metric names or objects
     */
    public void compile(Optimizer optimizer, Loss loss, Object... metrics) {
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("compile needs an optimizer and a loss");
        }
        for (Object m : metrics) {
            if (!(m instanceof String) && !(m instanceof dev.lamina.metrics.Metric)) {
                throw new IllegalArgumentException("A metric must be a name or a Metric. Received: " + m);
            }
        }
        this.optimizer = optimizer;
        this.loss = loss;
        this.metricSpecs = List.of(metrics);
    }

    /** @return whether {@link #compile} was called */
    public boolean isCompiled() {
        return optimizer != null;
    }

    /** @return the compiled optimizer, or {@code null} */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** @return the compiled loss, or {@code null} */
    public Loss loss() {
        return loss;
    }

    List<Object> metricSpecs() {
        return metricSpecs;
    }

    /** @return the compiled metrics as given to {@link #compile} (names or Metric objects) */
    public List<Object> compiledMetrics() {
        return metricSpecs;
    }

    // ---- fit / evaluate / predict ----

    /**
     * Trains on arrays, as Keras' {@code fit(x, y, ...)}.
     *
     * @param x inputs, samples first
     * @param y targets: one-hot rows, or class indices {@code (N)} / {@code (N, 1)} for a sparse loss
     * @param options epochs, batch size, validation, callbacks, …
     * @return the history of the metrics per epoch
     */
    public synchronized History fit(INDArray x, INDArray y, FitOptions options) {
        return trainer().fit(x, y, options);
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
        return trainer().trainOnBatch(x, y);
    }

    /**
     * The loss and metrics over arrays (batch size 32).
     *
     * @param x inputs
     * @param y targets
     * @return the result
     */
    public EvaluationResult evaluate(INDArray x, INDArray y) {
        return evaluate(x, y, 32);
    }

    /**
     * The loss and metrics over arrays.
     *
     * @param x inputs
     * @param y targets
     * @param batchSize samples per batch
     * @return the result
     */
    public synchronized EvaluationResult evaluate(INDArray x, INDArray y, int batchSize) {
        return trainer().evaluate(x, y, batchSize);
    }

    /**
     * The loss and metrics over a batch source.
     *
     * @param source the batches
     * @return the result
     */
    public synchronized EvaluationResult evaluate(BatchSource source) {
        return trainer().evaluate(source, -1);
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
     */
    public synchronized INDArray predict(INDArray x, int batchSize) {
        return trainer().predict(x, batchSize);
    }

    /**
     * The model's outputs for every batch of a source.
     *
     * @param source the batches (targets ignored)
     * @return the outputs, samples first
     */
    public synchronized INDArray predict(BatchSource source) {
        return trainer().predict(source);
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

    // ---- saving (see dev.lamina.saving.ModelIO) ----

    /**
     * Saves the model to one file: architecture, weights, compile settings and optimizer state, as
     * Keras' {@code model.save}. The file is replaced atomically: a failed save leaves the previous one.
     *
     * @param path the file, conventionally {@code *.lamina}
     * @throws java.io.IOException when writing fails, or the model is a Model subclass (whose
     *     architecture cannot be rebuilt from configs; use {@link #saveWeights})
     */
    public void save(java.nio.file.Path path) throws java.io.IOException {
        dev.lamina.saving.ModelIO.save(this, path);
    }

    /**
     * Loads a model saved with {@link #save}, compiled and with its optimizer state, as Keras'
     * {@code load_model}; {@code fit(..., FitOptions.epochs(n).initialEpoch(k))} resumes exactly.
     *
     * @param path the file
     * @return the model (a Sequential or functional model)
     * @throws java.io.IOException when the file cannot be read; a
     *     {@link dev.lamina.saving.ModelFormatException} naming the entry when it is damaged or invalid
     */
    public static Model load(java.nio.file.Path path) throws java.io.IOException {
        return dev.lamina.saving.ModelIO.load(path);
    }

    /**
     * Saves only the weights, in {@link #weights()} order, as Keras' {@code save_weights}.
     *
     * @param path the file
     * @throws java.io.IOException when writing fails (the previous file is then unchanged)
     */
    public void saveWeights(java.nio.file.Path path) throws java.io.IOException {
        dev.lamina.saving.ModelIO.saveWeights(this, path);
    }

    /**
     * Loads weights saved with {@link #saveWeights} or {@link #save} into this built model of the same
     * architecture, by position; nothing changes unless all of them match.
     *
     * @param path the file
     * @throws java.io.IOException when the file cannot be read or does not match this model
     * @throws IllegalStateException when the model is not built yet
     */
    public void loadWeights(java.nio.file.Path path) throws java.io.IOException {
        dev.lamina.saving.ModelIO.loadWeights(this, path);
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
        return nodes;
    }

    /** Layers with their output shapes, for the summary: (layer, output shape). */
    List<Map.Entry<Layer, long[]>> layerShapes() {
        List<Map.Entry<Layer, long[]>> rows = new ArrayList<>();
        if (input != null && input.layer() instanceof InputLayer && !(this instanceof Sequential)) {
            rows.add(Map.entry(input.layer(), input.shape()));
        }
        Deque<Layer> seen = new ArrayDeque<>();
        for (Node n : nodes) {
            if (!seen.contains(n.layer())) {
                seen.add(n.layer());
                rows.add(Map.entry(n.layer(), n.output().shape()));
            }
        }
        return rows;
    }

    /** @throws IllegalStateException when the model has no graph yet */
    void requireGraph(String what) {
        if (input == null) {
            throw new IllegalStateException("Model \"" + name() + "\" has no input shape yet, so " + what
                    + " is not available: give the first layer an inputShape(...) or call fit/predict first");
        }
    }

    /** Builds the graph from a data shape when the model has none (a Sequential without an input shape). */
    void ensureGraph(long[] dataShape) {
    }
}
