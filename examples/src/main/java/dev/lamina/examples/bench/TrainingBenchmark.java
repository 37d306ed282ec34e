package dev.lamina.examples.bench;

import dev.lamina.backend.Backend;
import dev.lamina.backend.Profiler;
import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.History;
import dev.lamina.core.Lamina;
import dev.lamina.data.FashionMnist;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.examples.Example;
import dev.lamina.examples.ExampleOptions;
import dev.lamina.examples.ExampleResult;
import dev.lamina.examples.ExampleUsageException;
import dev.lamina.examples.LenetFashionMnist;
import dev.lamina.examples.MnistCnn;
import dev.lamina.examples.SignMnistCnn;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.optim.SGD;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The speed workloads measured against the PyTorch and DL4J peers: W1 the MNIST CNN (RMSprop,
 * batch 64), W2 the Sign-MNIST CNN on 10 classes (RMSprop, batch 32), W3 LeNet (SGD 0.01, batch
 * 32), WR one residual block (RMSprop, batch 64, see {@link #residual()}), on 28x28x1 images
 * (Fashion-MNIST unless {@code --dataset mnist}). Prints per-epoch seconds, ms per step
 * and samples/s, the resident memory after each epoch with where it lives (Java heap, native
 * buffers) and the Java garbage a step makes, inference images/s at batch 1000, peak RSS, and a
 * last line
 * {@code bench W1 s_per_epoch=… infer_per_s=… rss_mb=… test_accuracy=…} (median of epochs 2..n).
 * {@code --test-each-epoch yes} also prints the test accuracy after every epoch, outside the
 * epoch's figures (for accuracy curves, such as the comparison with the peer's per-epoch ones).
 */
public final class TrainingBenchmark implements Example {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "training speed: --workload W1|W2|W3|WR [--epochs N] [--dataset fashion-mnist|mnist] [--data ROOT]"
                + " [--seed S] [--test-each-epoch yes|no]; WR is one residual block: Conv2D 32 3x3 stride 2 relu,"
                + " [Conv2D 32 3x3 same, BN, relu, Conv2D 32 3x3 same, BN] added to its input, relu, MaxPool 2,"
                + " Dense 10 softmax (RMSprop, batch 64)";
    }

    /**
     * Workload WR: one residual block on a 28x28x1 image, Keras' functional API (the peer is
     * {@code scripts/pytorch-residual-peer.py}).
     *
     * <pre>
     * x [N,28,28,1]
     *   → stem:  Conv2D 32 3x3 stride 2 valid (+bias) → relu              → s [N,13,13,32]
     *   → block: Conv2D 32 3x3 same (+bias) → BatchNormalization → relu
     *            → Conv2D 32 3x3 same (+bias) → BatchNormalization         → b [N,13,13,32]
     *   → relu(Add(s, b)) → MaxPooling2D 2 [N,6,6,32] → Flatten [N,1152] → Dense 10 softmax
     * </pre>
     *
     * <p>Keras' defaults throughout: glorot_uniform kernels, zero biases, batch normalization with
     * momentum 0.99 and epsilon 1e-3. 30,474 trainable parameters (+128 moving statistics). The
     * block's two convolutions make ~3.1 M multiply-adds an image forward, ~1.15x W1's.
     *
     * @return the uncompiled model
     */
    public static Model residual() {
        KerasTensor in = Input.shape(28, 28, 1);
        KerasTensor x = new Conv2D(32, 3).strides(2).activation("relu").apply(in);
        KerasTensor y = new BatchNormalization().apply(new Conv2D(32, 3).padding("same").apply(x));
        y = new Activation("relu").apply(y);
        y = new BatchNormalization().apply(new Conv2D(32, 3).padding("same").apply(y));
        KerasTensor out = new Activation("relu").apply(new Add().apply(x, y));
        KerasTensor probs = new Dense(10).activation("softmax")
                .apply(new Flatten().apply(new MaxPooling2D(2).apply(out)));
        return new Model(in, probs);
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        String workload = options.option("workload", "W1");
        String dataset = options.option("dataset", "fashion-mnist");
        int epochs = options.epochs(3);
        long seed = Long.parseLong(options.option("seed", "1"));
        boolean testEachEpoch = yes("--test-each-epoch", options.option("test-each-epoch", "no"));
        Lamina.setSeed(seed);
        Model model;
        int batch;
        switch (workload) {
            case "W1":
                model = MnistCnn.model();
                model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
                batch = 64;
                break;
            case "W2":
                model = SignMnistCnn.model(10);
                model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
                batch = 32;
                break;
            case "W3":
                model = LenetFashionMnist.model();
                model.compile(new SGD(0.01), "sparse_categorical_crossentropy", "accuracy");
                batch = 32;
                break;
            case "WR":
                model = residual();
                model.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
                batch = 64;
                break;
            default:
                throw new ExampleUsageException("Unknown workload " + workload + ": W1, W2, W3 or WR");
        }
        batch = options.batchSize(batch);
        ImageDataset data = load(dataset, options.data());
        INDArray x = pixels(first(data.trainImages(), options.limit()));
        INDArray y = labels(first(data.trainLabels(), options.limit()));
        INDArray xTest = pixels(data.testImages());
        INDArray yTest = labels(data.testLabels());
        System.out.println(Backend.describe());
        System.out.printf(Locale.ROOT, "bench %s on %s: %d training images, batch %d, %d epochs, %d parameters%n",
                workload, dataset, x.size(0), batch, epochs, model.countParams());

        List<Double> seconds = new ArrayList<>();
        History last = null;
        for (int e = 0; e < epochs; e++) {
            long t = System.nanoTime();
            long allocated = allocatedBytes();
            FitOptions fit = FitOptions.epochs(e + 1).initialEpoch(e).batchSize(batch).verbose(0);
            if (e == 0) {
                fit = fit.callbacks(new FirstStepTimer());
            }
            last = model.fit(x, y, fit);
            double s = (System.nanoTime() - t) / 1e9;
            long steps = (x.size(0) + batch - 1) / batch;
            allocated = (allocatedBytes() - allocated) / steps;
            seconds.add(s);
            System.out.printf(Locale.ROOT, "epoch %d: %.2f s, %.2f ms a step, %.0f samples/s, loss %.4f, accuracy %.4f,"
                    + " rss %d MB (%s; Java allocation %.1f KB a step)%n",
                    e + 1, s, s * 1e3 / steps, x.size(0) / s, last.last("loss"), last.last("accuracy"), rssMb(),
                    memoryBreakdown(), allocated / 1024.0);
            if (testEachEpoch) {
                // Outside the epoch's time and allocation figures; for accuracy curves only, as its
                // batch-1000 arrays add to the resident set.
                System.out.printf(Locale.ROOT, "epoch %d: test accuracy %.4f%n", e + 1,
                        model.evaluate(xTest, yTest, 1000).get("accuracy"));
            }
            if (e == 0) {
                // The first epoch includes JIT compilation and first-touch allocation.
                Profiler.reset();
            }
        }
        if (Profiler.enabled()) {
            System.out.print(Profiler.report(25));
        }
        model.predict(xTest, 1000);
        long t = System.nanoTime();
        model.predict(xTest, 1000);
        double inferPerS = xTest.size(0) / ((System.nanoTime() - t) / 1e9);
        EvaluationResult r = model.evaluate(xTest, yTest, 1000);
        double median = median(seconds.size() > 1 ? seconds.subList(1, seconds.size()) : seconds);
        System.out.printf(Locale.ROOT, "inference: %.0f images/s at batch 1000; peak RSS %d MB%n", inferPerS, peakRssMb());
        System.out.printf(Locale.ROOT, "bench %s s_per_epoch=%.2f infer_per_s=%.0f rss_mb=%d test_accuracy=%.4f%n",
                workload, median, inferPerS, peakRssMb(), r.get("accuracy"));
        return new ExampleResult(r.get("accuracy"), last);
    }

    /** Prints how long after the JVM's start the first training step ended (start-up cost). */
    private static final class FirstStepTimer extends Callback {
        private boolean done;

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            if (!done) {
                done = true;
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.printf(Locale.ROOT, "first training step done %.2f s after the JVM started%n", ms / 1e3);
            }
        }
    }

    private static ImageDataset load(String dataset, Path root) throws IOException, ExampleUsageException {
        switch (dataset) {
            case "fashion-mnist":
                return root != null ? FashionMnist.load(root) : FashionMnist.load();
            case "mnist":
                return root != null ? Mnist.load(root) : Mnist.load();
            default:
                throw new ExampleUsageException("Unknown dataset " + dataset + ": fashion-mnist or mnist");
        }
    }

    private static INDArray first(INDArray a, int limit) {
        return limit <= 0 || limit >= a.size(0) ? a
                : a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, limit)).dup();
    }

    private static INDArray pixels(INDArray uint8) {
        return uint8.reshape(uint8.size(0), uint8.size(1), uint8.size(2), 1).castTo(DataType.FLOAT).divi(255);
    }

    private static INDArray labels(INDArray uint8) {
        return uint8.reshape(uint8.length()).castTo(DataType.INT32);
    }

    private static boolean yes(String option, String value) throws ExampleUsageException {
        switch (value) {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                throw new ExampleUsageException("Option " + option + " takes yes or no. Received: " + value);
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Current and peak resident set size from /proc/self/status (Linux). */
    private static long rssMb() {
        return statusKb("VmRSS:") / 1024;
    }

    /**
     * Where the resident memory lives: the Java heap (committed and used after the last collection)
     * and the native memory that JavaCPP tracks (ND4J's buffers), so that a growing RSS can be
     * attributed.
     */
    private static String memoryBreakdown() {
        java.lang.management.MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return String.format(Locale.ROOT, "heap %d MB committed, %d MB used; JavaCPP %d MB",
                heap.getCommitted() >> 20, heap.getUsed() >> 20, org.bytedeco.javacpp.Pointer.totalBytes() >> 20);
    }

    /** Bytes the JVM's live threads have allocated on the Java heap so far. */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(b, 0);
        }
        return total;
    }

    private static long peakRssMb() {
        return statusKb("VmHWM:") / 1024;
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(Arrays.stream(line.split("\\s+")).skip(1).findFirst().orElse("0"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
