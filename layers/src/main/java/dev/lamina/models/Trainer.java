package dev.lamina.models;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.ProgbarLogger;
import dev.lamina.core.ArrayArena;
import dev.lamina.core.ArrayBatchSource;
import dev.lamina.core.BatchSource;
import dev.lamina.core.GradMode;
import dev.lamina.core.Profiler;
import dev.lamina.core.Lamina;
import dev.lamina.core.Seeds;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Shapes;
import dev.lamina.layers.TrainingStep;
import dev.lamina.layers.Weight;
import dev.lamina.losses.Loss;
import dev.lamina.metrics.Mean;
import dev.lamina.metrics.Metric;
import dev.lamina.metrics.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The training, evaluation and prediction loops of a {@link Model}. */
final class Trainer {

    private final Model model;
    private final ArrayArena arena = new ArrayArena();
    /** The variables one step updates, refilled per step (no list per step). */
    private final List<Tensor> trainable = new ArrayList<>();

    Trainer(Model model) {
        this.model = model;
    }

    // ---- fit ----

    History fit(INDArray x, INDArray y, FitOptions options) {
        requireCompiled("fit");
        checkData(x, y);
        INDArray xTrain = x;
        INDArray yTrain = y;
        FitOptions opts = options;
        if (options.validationSplit() > 0) {
            if (options.validationX() != null || options.validationSource() != null) {
                throw new IllegalArgumentException("Pass either validationSplit or validationData to fit, not both");
            }
            // Keras takes the last fraction, before shuffling.
            long n = x.size(0);
            long splitAt = (long) Math.floor(n * (1.0 - options.validationSplit()));
            if (splitAt <= 0 || splitAt >= n) {
                throw new IllegalArgumentException("validation_split=" + options.validationSplit() + " leaves no "
                        + (splitAt <= 0 ? "training" : "validation") + " samples out of " + n);
            }
            xTrain = rows(x, 0, splitAt);
            yTrain = rows(y, 0, splitAt);
            opts = copyWithValidation(options, rows(x, splitAt, n), rows(y, splitAt, n));
        }
        BatchSource source = new ArrayBatchSource(xTrain, yTrain, options.batchSize()).shuffle(options.shuffle())
                .seed(Seeds.derive(Lamina.getSeed(), "fit-shuffle"));
        return fit(source, opts, options.batchSize());
    }

    History fit(BatchSource source, FitOptions options) {
        requireCompiled("fit");
        return fit(source, options, -1);
    }

    private History fit(BatchSource source, FitOptions options, int validationBatchSize) {
        int steps = options.stepsPerEpoch() > 0 ? Math.min(options.stepsPerEpoch(), source.numBatches())
                : source.numBatches();
        if (steps == 0) {
            throw new IllegalArgumentException("fit: the training data has no batches");
        }
        History history = new History();
        List<Callback> callbacks = new ArrayList<>();
        callbacks.add(new ProgbarLogger(model.progressPrinter(), options.verbose(), options.epochs(), steps));
        callbacks.addAll(options.callbacks());
        callbacks.add(history);
        callbacks.forEach(c -> c.setModel(model));
        model.stopTraining(false);

        Mean lossTracker = new Mean("loss");
        List<Metric> metrics = null;
        List<Weight> weights = null;
        Map<String, Double> logs = new LinkedHashMap<>();
        callbacks.forEach(c -> c.onTrainBegin(new LinkedHashMap<>()));
        try {
            for (int epoch = options.initialEpoch(); epoch < options.epochs() && !model.isStopTraining(); epoch++) {
                final int e = epoch;
                callbacks.forEach(c -> c.onEpochBegin(e, new LinkedHashMap<>()));
                source.onEpochBegin(epoch);
                lossTracker.reset();
                if (metrics != null) {
                    metrics.forEach(Metric::reset);
                }
                for (int step = 0; step < steps && !model.isStopTraining(); step++) {
                    // One logs map for every callback, as Keras' CallbackList passes one dict.
                    Map<String, Double> beginLogs = new LinkedHashMap<>();
                    for (Callback c : callbacks) {
                        c.onTrainBatchBegin(step, beginLogs);
                    }
                    long t0 = System.nanoTime();
                    BatchSource.Batch batch = source.batch(step);
                    long t1 = System.nanoTime();
                    if (metrics == null) {
                        model.ensureGraph(batch.x().shape());
                        checkBatch(batch);
                        metrics = resolveMetrics(batch);
                        // Built now; the list is kept for the fit (each weight's trainable flag is
                        // read per step) rather than rebuilt per step.
                        weights = model.weights();
                    }
                    TrainingStep.set(epoch, step);
                    trainStep(batch, lossTracker, metrics, weights);
                    source.release(batch);
                    Map<String, Double> running = results(lossTracker, metrics, "");
                    for (Callback c : callbacks) {
                        c.onTrainBatchEnd(step, running);
                    }
                    if (Profiler.enabled()) {
                        Profiler.phase("data (next batch)", t1 - t0);
                        Profiler.phase(Profiler.STEP, System.nanoTime() - t0);
                    }
                }
                TrainingStep.clear();
                source.onEpochEnd(epoch);
                logs = results(lossTracker, metrics, "");
                BatchSource validation = validationSource(options, validationBatchSize);
                if (validation != null) {
                    logs.putAll(prefixed(evaluate(validation, options.validationSteps()).asMap(), "val_"));
                }
                Map<String, Double> epochLogs = logs;
                callbacks.forEach(c -> c.onEpochEnd(e, epochLogs));
            }
        } finally {
            TrainingStep.clear();
        }
        Map<String, Double> finalLogs = logs;
        callbacks.forEach(c -> c.onTrainEnd(finalLogs));
        return history;
    }

    private void trainStep(BatchSource.Batch batch, Mean lossTracker, List<Metric> metrics, List<Weight> weights) {
        Loss loss = model.loss();
        boolean fused = loss.fusesWithSoftmax() && model.endsWithSoftmax();
        try (GradMode.Scope s = arena.step()) {
            long t0 = System.nanoTime();
            Tensor out = model.run(Tensor.constant(batch.x()), true, fused);
            Tensor perSample = fused ? loss.perSampleFromLogits(batch.y(), out) : loss.perSample(batch.y(), out);
            Tensor total = reduce(perSample, batch.sampleWeights());
            long t1 = System.nanoTime();
            total.backward();
            long t2 = System.nanoTime();
            trainable.clear();
            // Indexed loops: an iterator per loop and step was garbage.
            for (int i = 0; i < weights.size(); i++) {
                Weight w = weights.get(i);
                if (w.isTrainable()) {
                    trainable.add(w.variable());
                }
            }
            model.optimizer().step(trainable);
            trainable.clear();
            for (int i = 0; i < weights.size(); i++) {
                weights.get(i).variable().zeroGrad();
            }
            if (Profiler.enabled()) {
                long t3 = System.nanoTime();
                Profiler.phase("forward + loss", t1 - t0);
                Profiler.phase("backward", t2 - t1);
                Profiler.phase("optimizer", t3 - t2);
            }
            INDArray predictions = out.value();
            if (fused) {
                try (GradMode.Scope off = GradMode.disabled()) {
                    predictions = Tensor.constant(predictions).softmax().value();
                }
            }
            double lossValue = total.value().getDouble(0);
            lossTracker.add(lossValue, batch.size());
            for (Metric m : metrics) {
                m.update(batch.y(), predictions, batch.sampleWeights());
            }
        }
    }

    EvaluationResult trainOnBatch(INDArray x, INDArray y) {
        requireCompiled("trainOnBatch");
        checkData(x, y);
        BatchSource.Batch batch = new BatchSource.Batch(x, y);
        List<Metric> metrics = resolveMetrics(batch);
        Mean lossTracker = new Mean("loss");
        trainStep(batch, lossTracker, metrics, model.weights());
        return new EvaluationResult(results(lossTracker, metrics, ""));
    }

    /** Keras' sum_over_batch_size: the (weighted) sum of per-sample losses over the batch size. */
    private static Tensor reduce(Tensor perSample, INDArray sampleWeights) {
        if (sampleWeights == null) {
            return perSample.mean();
        }
        long n = perSample.shape()[0];
        Tensor w = Tensor.constant(sampleWeights.reshape(n).castTo(perSample.dataType()).div(n));
        return perSample.mul(w).sum();
    }

    // ---- evaluate ----

    EvaluationResult evaluate(INDArray x, INDArray y, int batchSize) {
        requireCompiled("evaluate");
        checkData(x, y);
        return evaluate(new ArrayBatchSource(x, y, batchSize), -1);
    }

    EvaluationResult evaluate(BatchSource source, int maxSteps) {
        requireCompiled("evaluate");
        int steps = maxSteps > 0 ? Math.min(maxSteps, source.numBatches()) : source.numBatches();
        Mean lossTracker = new Mean("loss");
        List<Metric> metrics = null;
        source.onEpochBegin(0);
        try (GradMode.Scope off = GradMode.disabled()) {
            for (int step = 0; step < steps; step++) {
                BatchSource.Batch batch = source.batch(step);
                if (metrics == null) {
                    model.ensureGraph(batch.x().shape());
                    checkBatch(batch);
                    metrics = resolveMetrics(batch);
                }
                try (GradMode.Scope s = arena.step()) {
                    Tensor out = model.run(Tensor.constant(batch.x()), false, false);
                    Tensor perSample = model.loss().perSample(batch.y(), out);
                    lossTracker.add(reduce(perSample, batch.sampleWeights()).value().getDouble(0), batch.size());
                    for (Metric m : metrics) {
                        m.update(batch.y(), out.value(), batch.sampleWeights());
                    }
                }
                source.release(batch);
            }
        }
        source.onEpochEnd(0);
        return new EvaluationResult(results(lossTracker, metrics == null ? List.of() : metrics, ""));
    }

    // ---- predict ----

    INDArray predict(INDArray x, int batchSize) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("predict needs a batch of inputs, got a scalar");
        }
        model.ensureGraph(x.shape());
        checkInputShape(x.shape());
        return predict(new ArrayBatchSource(x, null, batchSize));
    }

    INDArray predict(BatchSource source) {
        List<INDArray> parts = new ArrayList<>();
        source.onEpochBegin(0);
        try (GradMode.Scope off = GradMode.disabled()) {
            for (int step = 0; step < source.numBatches(); step++) {
                BatchSource.Batch batch = source.batch(step);
                model.ensureGraph(batch.x().shape());
                try (GradMode.Scope s = arena.step()) {
                    // Copied out: the arena reuses the output's array for the next batch.
                    parts.add(model.run(Tensor.constant(batch.x()), false, false).value().dup());
                }
                source.release(batch);
            }
        }
        source.onEpochEnd(0);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("predict: the input has no samples");
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }

    // ---- checks and helpers ----

    private void requireCompiled(String what) {
        if (!model.isCompiled()) {
            throw new IllegalStateException("You must call compile() before using the model (" + what + " on \""
                    + model.name() + "\")");
        }
    }

    private void checkData(INDArray x, INDArray y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("fit/evaluate need both x and y");
        }
        if (x.rank() == 0 || y.rank() == 0 || x.size(0) != y.size(0)) {
            throw new IllegalArgumentException("Data cardinality is ambiguous: x sizes: " + (x.rank() == 0 ? 0 : x.size(0))
                    + ", y sizes: " + (y.rank() == 0 ? 0 : y.size(0)) + ". Make sure all arrays contain the same number "
                    + "of samples (x shape " + Shapes.format(x.shape()) + ", y shape " + Shapes.format(y.shape()) + ")");
        }
        model.ensureGraph(x.shape());
        checkInputShape(x.shape());
        checkTargets(y);
    }

    private void checkBatch(BatchSource.Batch batch) {
        checkInputShape(batch.x().shape());
        if (batch.y() != null) {
            checkTargets(batch.y());
        }
    }

    private void checkInputShape(long[] shape) {
        long[] expected = model.inputs().shape();
        if (!Shapes.compatible(expected, shape)) {
            String first = model.layers().isEmpty() ? model.name() : model.layers().get(0).name();
            throw new IllegalArgumentException("Input 0 of layer \"" + first + "\" is incompatible with the layer: "
                    + "expected shape=" + Shapes.format(expected) + ", found shape=" + Shapes.format(shape));
        }
    }

    private void checkTargets(INDArray y) {
        long[] out = model.outputs().shape();
        String lossName = model.loss().name();
        if (lossName.equals("categorical_crossentropy") && (y.rank() != out.length || y.size(-1) != out[out.length - 1])) {
            throw new IllegalArgumentException("Arguments target and output must have the same shape for "
                    + lossName + ": target.shape=" + Shapes.format(Shapes.unknownBatch(y.shape())) + ", output.shape="
                    + Shapes.format(out) + (y.rank() == 1 || (y.rank() == 2 && y.size(1) == 1)
                    ? " (class indices need sparse_categorical_crossentropy, or Utils.toCategorical)" : ""));
        }
    }

    private List<Metric> resolveMetrics(BatchSource.Batch batch) {
        long[] out = model.outputs().shape();
        long units = out[out.length - 1];
        List<Metric> metrics = new ArrayList<>();
        for (Object spec : model.metricSpecs()) {
            metrics.add(spec instanceof Metric m ? m : Metrics.get((String) spec, model.loss().name(), units));
        }
        metrics.forEach(Metric::reset);
        return metrics;
    }

    private static Map<String, Double> results(Mean loss, List<Metric> metrics, String prefix) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put(prefix.isEmpty() ? "loss" : prefix + "loss", loss.result());
        if (metrics != null) {
            for (Metric m : metrics) {
                r.put(prefix.isEmpty() ? m.name() : prefix + m.name(), m.result());
            }
        }
        return r;
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

    private static FitOptions copyWithValidation(FitOptions o, INDArray vx, INDArray vy) {
        FitOptions c = FitOptions.epochs(o.epochs()).batchSize(o.batchSize()).verbose(o.verbose()).shuffle(o.shuffle())
                .initialEpoch(o.initialEpoch()).validationData(vx, vy).callbacks(o.callbacks().toArray(new Callback[0]));
        if (o.stepsPerEpoch() > 0) {
            c.stepsPerEpoch(o.stepsPerEpoch());
        }
        if (o.validationSteps() > 0) {
            c.validationSteps(o.validationSteps());
        }
        return c;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx);
    }
}
