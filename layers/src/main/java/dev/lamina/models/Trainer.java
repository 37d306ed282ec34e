package dev.lamina.models;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.HostArrays;
import dev.lamina.backend.Profiler;
import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.ProfilerCallback;
import dev.lamina.callbacks.ProgbarLogger;
import dev.lamina.callbacks.ProgressPrinter;
import dev.lamina.core.ArrayBatchSource;
import dev.lamina.core.BatchSource;
import dev.lamina.core.GradMode;
import dev.lamina.core.Lamina;
import dev.lamina.core.Seeds;
import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;
import dev.lamina.layers.Weight;
import dev.lamina.losses.Loss;
import dev.lamina.metrics.Mean;
import dev.lamina.metrics.Metric;
import dev.lamina.metrics.Metrics;
import dev.lamina.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Lock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A {@link Model}'s compile state (optimizer, one loss per output, loss weights, metrics) and its
 * training, evaluation and prediction loops. A train step reads as Keras' does: forward, loss,
 * backward, optimizer update, metrics.
 */
final class Trainer {

    private final Model model;
    private final ArrayArena arena = new ArrayArena();
    /**
     * evaluate's arena, apart from training's: a forward pass asks for other arrays in another order
     * than a training step, and sharing one arena made each epoch's validation and the next epoch's
     * training evict each other's arrays, a step's worth of native buffers left to the garbage
     * collector every epoch.
     */
    private final ArrayArena evaluationArena = new ArrayArena();
    /** predict runs on any number of threads at once, each in an arena of its own. */
    private final ThreadLocal<ArrayArena> predictArenas = ThreadLocal.withInitial(this::newPredictArena);
    /**
     * Every thread's predict arena, held weakly (a thread that ends takes its arena with it), so that
     * {@link #free} reaches them all.
     */
    private final Set<ArrayArena> allPredictArenas = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    /** The variables one step updates, refilled per step (no list per step). */
    private final List<Tensor> trainable = new ArrayList<>();
    private final PhaseTimer phases = new PhaseTimer();
    private Optimizer optimizer;
    /** One loss per output, or one for every output. */
    private List<Loss> losses = List.of();
    private double[] lossWeights;
    private List<Object> metricSpecs = List.of();

    Trainer(Model model) {
        this.model = model;
    }

    private ArrayArena newPredictArena() {
        ArrayArena a = new ArrayArena();
        allPredictArenas.add(a);
        return a;
    }

    /**
     * Frees the arrays of the training and every predict arena and the optimizer's slots of these
     * variables. The caller holds the model's monitor and its weights' write lock, so no step and
     * no prediction runs.
     */
    void free(List<INDArray> variables) {
        arena.free();
        evaluationArena.free();
        predictArenas.remove();
        synchronized (allPredictArenas) {
            allPredictArenas.forEach(ArrayArena::free);
            allPredictArenas.clear();
        }
        if (optimizer != null) {
            optimizer.freeSlots(variables);
        }
    }

    // ---- compile ----

    void compile(Optimizer optimizer, List<Loss> losses, double[] lossWeights, List<Object> metrics) {
        this.optimizer = optimizer;
        this.losses = List.copyOf(losses);
        this.lossWeights = lossWeights == null ? null : lossWeights.clone();
        this.metricSpecs = List.copyOf(metrics);
    }

    boolean isCompiled() {
        return optimizer != null;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    /** @return the loss of output {@code i} */
    Loss loss(int i) {
        return losses.size() == 1 ? losses.get(0) : losses.get(i);
    }

    List<Loss> losses() {
        return losses;
    }

    double[] lossWeights() {
        return lossWeights == null ? null : lossWeights.clone();
    }

    List<Object> metricSpecs() {
        return metricSpecs;
    }

    private int outputCount() {
        return model.outputs().size();
    }

    // ---- fit ----

    History fit(INDArray[] x, INDArray[] y, FitOptions options) {
        requireCompiled("fit");
        checkData(x, y);
        INDArray[] xTrain = x;
        INDArray[] yTrain = y;
        FitOptions opts = options;
        if (options.validationSplit() > 0) {
            if (options.validationX() != null || options.validationSource() != null) {
                throw new IllegalArgumentException("Pass either validationSplit or validationData to fit, not both");
            }
            // Keras takes the last fraction, before shuffling.
            long n = x[0].size(0);
            long splitAt = (long) Math.floor(n * (1.0 - options.validationSplit()));
            if (splitAt <= 0 || splitAt >= n) {
                throw new IllegalArgumentException("validation_split=" + options.validationSplit() + " leaves no "
                        + (splitAt <= 0 ? "training" : "validation") + " samples out of " + n);
            }
            xTrain = rows(x, 0, splitAt);
            yTrain = rows(y, 0, splitAt);
            opts = copyWithValidation(options, new ArrayBatchSource(rows(x, splitAt, n), rows(y, splitAt, n), null,
                    options.batchSize()));
        }
        BatchSource source = new ArrayBatchSource(xTrain, yTrain, null, options.batchSize()).shuffle(options.shuffle())
                .seed(Seeds.derive(options.seed() != null ? options.seed() : Lamina.getSeed(), "fit-shuffle"));
        return fit(source, opts, options.batchSize());
    }

    History fit(BatchSource source, FitOptions options) {
        requireCompiled("fit");
        return fit(source, options, -1);
    }

    private History fit(BatchSource source, FitOptions options, int validationBatchSize) {
        seedLayers(options);
        int steps = options.stepsPerEpoch() > 0 ? Math.min(options.stepsPerEpoch(), source.numBatches())
                : source.numBatches();
        if (steps == 0) {
            throw new IllegalArgumentException("fit: the training data has no batches");
        }
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        if (Profiler.enabled()) {
            callbacks.add(new ProfilerCallback());
        }
        callbacks.add(new ProgbarLogger(model.progressPrinter(), options.verbose(), options.epochs(), steps));
        callbacks.addAll(options.callbacks());
        callbacks.add(history);
        callbacks.forEach(c -> c.setModel(model));
        model.stopTraining(false);

        Trackers trackers = null;
        List<Weight> weights = null;
        Map<String, Double> logs = new LinkedHashMap<>();
        // One source for the whole fit, made once the first step has checked the validation data:
        // an ArrayBatchSource keeps its batches' views from epoch to epoch, which a new source per
        // epoch would make again.
        BatchSource validation = null;
        callbacks.forEach(c -> c.onTrainBegin(new LinkedHashMap<>()));
        for (int epoch = options.initialEpoch(); epoch < options.epochs() && !model.isStopTraining(); epoch++) {
            final int e = epoch;
            callbacks.forEach(c -> c.onEpochBegin(e, new LinkedHashMap<>()));
            source.onEpochBegin(epoch);
            if (trackers != null) {
                trackers.reset();
            }
            for (int step = 0; step < steps && !model.isStopTraining(); step++) {
                // One logs map for every callback, as Keras' CallbackList passes one dict.
                Map<String, Double> beginLogs = new LinkedHashMap<>();
                for (Callback c : callbacks) {
                    c.onTrainBatchBegin(step, beginLogs);
                }
                phases.start();
                BatchSource.Batch batch = source.batch(step);
                phases.lap("data (next batch)");
                if (trackers == null) {
                    model.ensureGraph(batch.x().shape());
                    checkBatch(batch);
                    checkValidationData(options);
                    trackers = new Trackers();
                    // Built now; the list is kept for the fit (each weight's trainable flag is
                    // read per step) rather than rebuilt per step.
                    weights = model.weights();
                }
                if (options.checkFinite()) {
                    FiniteCheck.requireFinite(batch, epoch, step);
                }
                trainStep(DataTypes.convert(batch, losses), trackers, weights);
                source.release(batch);
                Map<String, Double> running = trackers.results();
                for (Callback c : callbacks) {
                    c.onTrainBatchEnd(step, running);
                }
            }
            source.onEpochEnd(epoch);
            logs = trackers.results();
            if (validation == null) {
                validation = validationSource(options, validationBatchSize);
            }
            if (validation != null) {
                logs.putAll(prefixed(evaluate(validation, options.validationSteps()).asMap(), "val_"));
            }
            Map<String, Double> epochLogs = logs;
            callbacks.forEach(c -> c.onEpochEnd(e, epochLogs));
        }
        Map<String, Double> finalLogs = logs;
        callbacks.forEach(c -> c.onTrainEnd(finalLogs));
        return history;
    }

    /** Forward, loss, backward, optimizer update, metrics: Keras' train step. */
    private void trainStep(BatchSource.Batch batch, Trackers trackers, List<Weight> weights) {
        // A softmax output and a cross-entropy loss run as one fused op on the logits.
        boolean fused = outputCount() == 1 && loss(0).fusesWithSoftmax() && model.endsWithSoftmax();
        Lock writing = model.weightsLock().writeLock();
        writing.lock();
        try (ArrayArena.Scope s = arena.step()) {
            // A callback may have closed the model between two steps.
            model.requireOpen();
            Tensor[] yPred = model.run(constants(batch.inputs()), true, fused);
            Tensor loss = totalLoss(batch, yPred, fused, trackers);
            phases.lap("forward + loss");
            // The outputs stay for the metrics; every other activation goes back to the arena as
            // soon as the backward pass is done with it.
            loss.backwardReleasing(yPred);
            phases.lap("backward");
            applyGradients(weights);
            phases.lap("optimizer");
            trackers.loss.add(loss.value().getDouble(0), batch.size());
            for (int o = 0; o < yPred.length; o++) {
                trackers.updateMetrics(o, batch.targets()[o], probabilities(yPred[o], fused), batch.sampleWeights());
            }
        } finally {
            writing.unlock();
        }
    }

    /** The optimizer's update of every trainable weight, then the gradients cleared for the next step. */
    private void applyGradients(List<Weight> weights) {
        trainable.clear();
        // Indexed loops: an iterator per loop and step was garbage.
        for (int i = 0; i < weights.size(); i++) {
            Weight w = weights.get(i);
            if (w.isTrainable()) {
                trainable.add(w.variable());
            }
        }
        optimizer.step(trainable);
        trainable.clear();
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).variable().zeroGrad();
        }
    }

    /** An output as probabilities: the softmax of fused logits, else the output itself. */
    private static INDArray probabilities(Tensor output, boolean fromLogits) {
        if (!fromLogits) {
            return output.value();
        }
        try (GradMode.Scope off = GradMode.disabled()) {
            return Ops.softmax(Tensor.constant(output.value())).value();
        }
    }

    /**
     * The weighted sum of each output's loss (Keras' {@code loss_weights}), each the sample-weighted
     * mean over the batch; with several outputs each output's own loss is tracked too.
     */
    private Tensor totalLoss(BatchSource.Batch batch, Tensor[] outputs, boolean fused, Trackers trackers) {
        Tensor total = null;
        for (int o = 0; o < outputs.length; o++) {
            INDArray y = batch.targets()[o];
            Tensor perSample = fused ? loss(o).perSampleFromLogits(y, outputs[o]) : loss(o).perSample(y, outputs[o]);
            Tensor term = reduce(perSample, batch.sampleWeights());
            if (outputs.length > 1) {
                trackers.outputLoss(o, term.value().getDouble(0), batch.size());
            }
            if (lossWeights != null && lossWeights[o] != 1.0) {
                term = Ops.multiply(term, Tensor.constant(Nd4j.scalar(term.dataType(), lossWeights[o])));
            }
            total = total == null ? term : Ops.add(total, term);
        }
        return total;
    }

    private static Tensor[] constants(INDArray[] arrays) {
        Tensor[] out = new Tensor[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            out[i] = Tensor.constant(arrays[i]);
        }
        return out;
    }

    EvaluationResult trainOnBatch(INDArray[] x, INDArray[] y) {
        requireCompiled("trainOnBatch");
        checkData(x, y);
        BatchSource.Batch batch = DataTypes.convert(new BatchSource.Batch(x, y, null), losses);
        Trackers trackers = new Trackers();
        trainStep(batch, trackers, model.weights());
        return new EvaluationResult(trackers.results());
    }

    /** Keras' sum_over_batch_size: the (weighted) sum of per-sample losses over the batch size. */
    private static Tensor reduce(Tensor perSample, INDArray sampleWeights) {
        if (sampleWeights == null) {
            return Ops.mean(perSample);
        }
        long n = perSample.shape()[0];
        Tensor w = Tensor.constant(sampleWeights.reshape(n).castTo(perSample.dataType()).div(n));
        return Ops.sum(Ops.multiply(perSample, w));
    }

    // ---- evaluate ----

    EvaluationResult evaluate(INDArray[] x, INDArray[] y, int batchSize) {
        requireCompiled("evaluate");
        checkData(x, y);
        return evaluate(new ArrayBatchSource(x, y, null, batchSize), -1, model.progressPrinter());
    }

    EvaluationResult evaluate(BatchSource source, int maxSteps) {
        return evaluate(source, maxSteps, null);
    }

    /** The loss and metrics; with a printer, Keras' progress bar and result line as it goes. */
    EvaluationResult evaluate(BatchSource source, int maxSteps, ProgressPrinter printer) {
        requireCompiled("evaluate");
        int steps = maxSteps > 0 ? Math.min(maxSteps, source.numBatches()) : source.numBatches();
        ProgbarLogger bar = printer == null ? null : ProgbarLogger.forEvaluation(printer, steps);
        if (bar != null) {
            bar.onEpochBegin(0, new LinkedHashMap<>());
        }
        Trackers trackers = null;
        source.onEpochBegin(0);
        try (GradMode.Scope off = GradMode.disabled()) {
            for (int step = 0; step < steps; step++) {
                BatchSource.Batch batch = source.batch(step);
                if (trackers == null) {
                    model.ensureGraph(batch.x().shape());
                    checkBatch(batch);
                    trackers = new Trackers();
                }
                try (ArrayArena.Scope s = evaluationArena.step()) {
                    BatchSource.Batch b = DataTypes.convert(batch, losses);
                    Tensor[] outputs = model.run(constants(b.inputs()), false, false);
                    Tensor total = totalLoss(b, outputs, false, trackers);
                    trackers.loss.add(total.value().getDouble(0), b.size());
                    for (int o = 0; o < outputs.length; o++) {
                        trackers.updateMetrics(o, b.targets()[o], outputs[o].value(), b.sampleWeights());
                    }
                }
                source.release(batch);
                if (bar != null) {
                    bar.onTrainBatchEnd(step, trackers.results());
                }
            }
        }
        source.onEpochEnd(0);
        Map<String, Double> results = trackers == null ? Map.of("loss", Double.NaN) : trackers.results();
        if (bar != null) {
            bar.onEpochEnd(0, results);
        }
        return new EvaluationResult(results);
    }

    // ---- predict ----

    INDArray[] predict(INDArray[] x, int batchSize) {
        for (INDArray a : x) {
            if (a == null || a.rank() == 0) {
                throw new IllegalArgumentException("predict needs a batch of inputs, got " + (a == null ? "null" : "a scalar"));
            }
        }
        model.ensureGraph(x[0].shape());
        checkInputShapes(x);
        return predict(new ArrayBatchSource(x, null, null, batchSize));
    }

    INDArray[] predict(BatchSource source) {
        List<List<INDArray>> parts = new ArrayList<>();
        source.onEpochBegin(0);
        try (GradMode.Scope off = GradMode.disabled()) {
            for (int step = 0; step < source.numBatches(); step++) {
                BatchSource.Batch batch = source.batch(step);
                model.ensureGraph(batch.x().shape());
                try (OpenMpThreads.Scope cores = OpenMpThreads.predicting();
                        ArrayArena.Scope s = predictArenas.get().step()) {
                    Tensor[] outputs = model.run(constants(DataTypes.floats(batch.inputs(), "input")), false, false);
                    for (int o = 0; o < outputs.length; o++) {
                        if (parts.size() <= o) {
                            parts.add(new ArrayList<>());
                        }
                        // Copied out: the arena reuses the output's array for the next batch.
                        parts.get(o).add(outputs[o].value().dup());
                    }
                }
                source.release(batch);
            }
        }
        source.onEpochEnd(0);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("predict: the input has no samples");
        }
        INDArray[] out = new INDArray[parts.size()];
        for (int o = 0; o < out.length; o++) {
            List<INDArray> p = parts.get(o);
            out[o] = p.size() == 1 ? p.get(0) : Nd4j.concat(0, p.toArray(new INDArray[0]));
        }
        return out;
    }

    // ---- metrics ----

    /** The running loss, each output's loss (several outputs) and each output's metrics. */
    private final class Trackers {
        final Mean loss = new Mean("loss");
        final List<Mean> outputLosses = new ArrayList<>();
        final List<List<Metric>> metrics = new ArrayList<>();
        final List<String> prefixes = new ArrayList<>();

        Trackers() {
            List<KerasTensor> outs = model.outputs();
            for (int o = 0; o < outs.size(); o++) {
                String prefix = outs.size() == 1 ? "" : outs.get(o).layer().name() + "_";
                prefixes.add(prefix);
                outputLosses.add(new Mean(prefix + "loss"));
                long[] shape = outs.get(o).shape();
                long units = shape[shape.length - 1];
                List<Metric> ms = new ArrayList<>();
                for (Object spec : metricSpecs) {
                    ms.add(spec instanceof Metric m && outs.size() == 1 ? m
                            : Metrics.get(spec instanceof Metric m ? m.name() : (String) spec, loss(o).name(), units));
                }
                metrics.add(ms);
            }
            reset();
        }

        void reset() {
            loss.reset();
            outputLosses.forEach(Mean::reset);
            metrics.forEach(ms -> ms.forEach(Metric::reset));
        }

        void outputLoss(int o, double value, long n) {
            outputLosses.get(o).add(value, n);
        }

        void updateMetrics(int o, INDArray y, INDArray predictions, INDArray sampleWeights) {
            List<Metric> ms = metrics.get(o);
            for (int i = 0; i < ms.size(); i++) {
                ms.get(i).update(y, predictions, sampleWeights);
            }
        }

        Map<String, Double> results() {
            Map<String, Double> r = new LinkedHashMap<>();
            r.put("loss", loss.result());
            if (metrics.size() > 1) {
                for (Mean m : outputLosses) {
                    r.put(m.name(), m.result());
                }
            }
            for (int o = 0; o < metrics.size(); o++) {
                for (Metric m : metrics.get(o)) {
                    r.put(prefixes.get(o) + m.name(), m.result());
                }
            }
            return r;
        }
    }

    // ---- checks and helpers ----

    private void requireCompiled(String what) {
        if (!isCompiled()) {
            throw new IllegalStateException("You must call compile() before using the model (" + what + " on \""
                    + model.name() + "\")");
        }
    }

    private void checkData(INDArray[] x, INDArray[] y) {
        if (x == null || y == null || x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("fit/evaluate need both x and y");
        }
        model.ensureGraph(x[0].shape());
        if (y.length != outputCount()) {
            throw new IllegalArgumentException("Model \"" + model.name() + "\" has " + outputCount() + " output(s) "
                    + model.outputs().stream().map(t -> t.layer().name()).toList() + ", but " + y.length
                    + " target array(s) were given");
        }
        long n = x[0].rank() == 0 ? 0 : x[0].size(0);
        for (INDArray a : concat(x, y)) {
            if (a == null || a.rank() == 0 || a.size(0) != n) {
                throw new IllegalArgumentException("Data cardinality is ambiguous: x sizes: " + sizes(x) + ", y sizes: "
                        + sizes(y) + ". Make sure all arrays contain the same number of samples (x shape "
                        + shapes(x) + ", y shape " + shapes(y) + ")");
            }
        }
        checkInputShapes(x);
        for (int o = 0; o < y.length; o++) {
            checkTargets(o, y[o]);
        }
    }

    private static List<INDArray> concat(INDArray[] a, INDArray[] b) {
        List<INDArray> all = new ArrayList<>(java.util.Arrays.asList(a));
        all.addAll(java.util.Arrays.asList(b));
        return all;
    }

    private static String sizes(INDArray[] arrays) {
        List<Object> s = new ArrayList<>();
        for (INDArray a : arrays) {
            s.add(a == null ? "null" : a.rank() == 0 ? 0 : a.size(0));
        }
        return s.size() == 1 ? String.valueOf(s.get(0)) : s.toString();
    }

    private static String shapes(INDArray[] arrays) {
        List<String> s = new ArrayList<>();
        for (INDArray a : arrays) {
            s.add(a == null ? "null" : Shapes.format(a.shape()));
        }
        return s.size() == 1 ? s.get(0) : s.toString();
    }

    private void checkBatch(BatchSource.Batch batch) {
        checkInputShapes(batch.inputs());
        if (batch.targets() != null) {
            if (batch.targets().length != outputCount()) {
                throw new IllegalArgumentException("Model \"" + model.name() + "\" has " + outputCount()
                        + " output(s), but the batches hold " + batch.targets().length + " target array(s)");
            }
            for (int o = 0; o < batch.targets().length; o++) {
                checkTargets(o, batch.targets()[o]);
            }
        }
    }

    private void checkInputShapes(INDArray[] x) {
        List<KerasTensor> inputs = model.inputs();
        if (x.length != inputs.size()) {
            throw new IllegalArgumentException("Model \"" + model.name() + "\" expects " + inputs.size()
                    + " input(s), but it received " + x.length + " input array(s)");
        }
        for (int i = 0; i < x.length; i++) {
            long[] expected = inputs.get(i).shape();
            if (!Shapes.compatible(expected, x[i].shape())) {
                String layer = inputs.size() == 1 && !model.layers().isEmpty() ? model.layers().get(0).name()
                        : inputs.get(i).layer().name();
                throw new IllegalArgumentException("Input " + i + " of layer \"" + layer + "\" is incompatible with "
                        + "the layer: expected shape=" + Shapes.format(expected) + ", found shape="
                        + Shapes.format(x[i].shape()));
            }
        }
    }

    /**
     * Array validation data, checked as the training data is, so that a mistake in it fails before
     * the first training step rather than after a whole epoch of training.
     */
    private void checkValidationData(FitOptions options) {
        if (options.validationX() == null && options.validationY() == null) {
            return;
        }
        try {
            checkData(new INDArray[] {options.validationX()}, new INDArray[] {options.validationY()});
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid validation_data: " + e.getMessage(), e);
        }
    }

    /**
     * The targets of output {@code o} against its shape and loss: one-hot rows as wide as the
     * output for the built-in losses, and class indices within the output's units for a sparse loss.
     */
    private void checkTargets(int o, INDArray y) {
        long[] out = model.outputs().get(o).shape();
        long units = out[out.length - 1];
        String lossName = loss(o).name();
        boolean columnOrVector = y.rank() == 1 || (y.rank() == 2 && y.size(1) == 1);
        if (lossName.equals("sparse_categorical_crossentropy")) {
            if (columnOrVector) {
                checkLabelRange(y, units);
            }
            return;
        }
        boolean builtIn = lossName.equals("categorical_crossentropy") || lossName.equals("binary_crossentropy")
                || lossName.equals("mean_squared_error");
        boolean mismatch = lossName.equals("categorical_crossentropy") ? y.rank() != out.length || y.size(-1) != units
                : builtIn && y.rank() == out.length && y.size(-1) != units;
        if (mismatch) {
            throw new IllegalArgumentException("Arguments target and output must have the same shape for "
                    + lossName + ": target.shape=" + Shapes.format(Shapes.unknownBatch(y.shape())) + ", output.shape="
                    + Shapes.format(out) + (lossName.equals("categorical_crossentropy") && columnOrVector
                    ? " (class indices need sparse_categorical_crossentropy, or Utils.toCategorical)" : ""));
        }
    }

    /** Every sparse label a class index of the output, read once in Java (labels are one number a sample). */
    private static void checkLabelRange(INDArray y, long units) {
        INDArray owned = HostArrays.rowMajorOwned(y);
        for (long i = 0, n = owned.length(); i < n; i++) {
            double v = owned.data().getDouble(i);
            if (!(v >= 0 && v < units && v == Math.rint(v))) {
                String label = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
                throw new IllegalArgumentException("Received a label value of " + label + " which is outside the "
                        + "valid range of [0, " + units + ") (sample " + i + "): sparse_categorical_crossentropy "
                        + "takes class indices of the model's " + units + " output units");
            }
        }
    }

    private static Map<String, Double> prefixed(Map<String, Double> values, String prefix) {
        Map<String, Double> r = new LinkedHashMap<>();
        values.forEach((k, v) -> r.put(prefix + k, v));
        return r;
    }

    private static BatchSource validationSource(FitOptions options, int batchSize) {
        if (options.validationSource() != null) {
            return options.validationSource();
        }
        if (options.validationX() != null) {
            return new ArrayBatchSource(options.validationX(), options.validationY(), batchSize > 0 ? batchSize : 32);
        }
        return null;
    }

    /**
     * With a fit seed, every layer that draws (nested models' layers included) starts this fit from
     * a generator derived from that seed and its position, instead of the global seed.
     */
    private void seedLayers(FitOptions options) {
        if (options.seed() == null) {
            return;
        }
        long[] position = {0};
        seedLayers(model.layers(), options.seed(), position);
    }

    private static void seedLayers(List<Layer> layers, long seed, long[] position) {
        for (Layer layer : layers) {
            if (layer instanceof Model nested) {
                seedLayers(nested.layers(), seed, position);
            } else {
                layer.randomState(new long[] {Seeds.derive(seed, "layer-draws", position[0]++), 0});
            }
        }
    }

    private static FitOptions copyWithValidation(FitOptions o, BatchSource validation) {
        FitOptions c = FitOptions.epochs(o.epochs()).batchSize(o.batchSize()).verbose(o.verbose()).shuffle(o.shuffle())
                .initialEpoch(o.initialEpoch()).validationData(validation).callbacks(o.callbacks().toArray(new Callback[0]))
                .checkFinite(o.checkFinite());
        if (o.seed() != null) {
            c = c.seed(o.seed());
        }
        if (o.stepsPerEpoch() > 0) {
            c = c.stepsPerEpoch(o.stepsPerEpoch());
        }
        if (o.validationSteps() > 0) {
            c = c.validationSteps(o.validationSteps());
        }
        return c;
    }

    private static INDArray[] rows(INDArray[] arrays, long from, long to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int k = 0; k < arrays.length; k++) {
            INDArray a = arrays[k];
            INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
            idx[0] = NDArrayIndex.interval(from, to);
            for (int i = 1; i < idx.length; i++) {
                idx[i] = NDArrayIndex.all();
            }
            out[k] = a.get(idx);
        }
        return out;
    }
}
