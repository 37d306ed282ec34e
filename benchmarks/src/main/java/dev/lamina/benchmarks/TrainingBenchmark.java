package dev.lamina.benchmarks;

import dev.lamina.backend.Backend;
import dev.lamina.backend.Profiler;
import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.History;
import dev.lamina.core.Lamina;
import dev.lamina.data.FashionMnist;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Model;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training speed of one workload ({@link Workloads}): W1 the MNIST CNN (RMSprop, batch 64), W2 the
 * Sign-MNIST CNN on 10 classes (RMSprop, batch 32), W3 LeNet (SGD 0.01, batch 32), WR one residual
 * block (RMSprop, batch 64), on 28x28x1 images (Fashion-MNIST unless {@code --dataset mnist}).
 *
 * <p>Prints per-epoch seconds, ms per step and samples/s, the resident memory after each epoch with
 * where it lives (Java heap, native buffers) and the Java garbage a step makes, inference images/s
 * at batch 1000, peak RSS, and a last line
 * {@code bench W1 s_per_epoch=… infer_per_s=… rss_mb=… test_accuracy=…}, where {@code s_per_epoch}
 * is the median of epochs 2..n (of the only epoch when there is one). {@code --test-each-epoch yes}
 * also prints the test accuracy after every epoch, outside the epoch's figures.
 *
 * <p>{@code --workload W4} (ResNet50 on random images) is {@link ResNet50Benchmark}, with its
 * peer's options instead of these.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    /**
     * Runs the benchmark from the command line.
     *
     * @param args the options of {@link TrainingOptions}
     * @throws Exception when the options are wrong, the data cannot be loaded or training fails
     */
    public static void main(String[] args) throws Exception {
        run(args);
    }

    /**
     * Runs the benchmark and returns instead of exiting.
     *
     * @param args the options of {@link TrainingOptions}
     * @return the test accuracy after the last epoch ({@code NaN} for W4, which has no test set)
     * @throws BenchmarkUsageException for a bad option, workload or data set name
     * @throws Exception when the data cannot be loaded or training fails
     */
    public static double run(String... args) throws Exception {
        String[] w4 = ResNet50Benchmark.optionsIfW4(args);
        if (w4 != null) {
            ResNet50Benchmark.run(w4);
            return Double.NaN;
        }
        TrainingOptions options = TrainingOptions.parse(args);
        String workload = options.workload();
        String dataset = options.dataset();
        int epochs = options.epochs();
        Lamina.setSeed(options.seed());
        Model model = Workloads.compiled(workload);
        int batch = options.batchSize();
        ImageDataset data = load(dataset, options.data());
        INDArray x = pixels(first(data.trainImages(), options.limit()));
        INDArray y = labels(first(data.trainLabels(), options.limit()));
        INDArray xTest = pixels(data.testImages());
        INDArray yTest = labels(data.testLabels());
        System.out.println(Backend.describe());
        System.out.printf(Locale.ROOT, "bench %s on %s: %d training images, batch %d, %d epochs, %d parameters%n",
                workload, dataset, x.size(0), batch, epochs, model.countParams());

        List<Double> seconds = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            long t = System.nanoTime();
            long allocated = allocatedBytes();
            FitOptions fit = FitOptions.epochs(e + 1).initialEpoch(e).batchSize(batch).verbose(0);
            if (e == 0) {
                fit = fit.callbacks(new FirstStepTimer());
            }
            History last = model.fit(x, y, fit);
            double s = (System.nanoTime() - t) / 1e9;
            long steps = (x.size(0) + batch - 1) / batch;
            allocated = (allocatedBytes() - allocated) / steps;
            seconds.add(s);
            System.out.printf(Locale.ROOT, "epoch %d: %.2f s, %.2f ms a step, %.0f samples/s, loss %.4f, accuracy %.4f,"
                    + " rss %d MB (%s; Java allocation %.1f KB a step)%n",
                    e + 1, s, s * 1e3 / steps, x.size(0) / s, last.last("loss"), last.last("accuracy"),
                    ProcessMemory.rssMb(), memoryBreakdown(), allocated / 1024.0);
            if (options.testEachEpoch()) {
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
        System.out.printf(Locale.ROOT, "inference: %.0f images/s at batch 1000; peak RSS %d MB%n", inferPerS,
                ProcessMemory.peakRssMb());
        System.out.printf(Locale.ROOT, "bench %s s_per_epoch=%.2f infer_per_s=%.0f rss_mb=%d test_accuracy=%.4f%n",
                workload, median, inferPerS, ProcessMemory.peakRssMb(), r.get("accuracy"));
        return r.get("accuracy");
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

    private static ImageDataset load(String dataset, Path root) throws BenchmarkUsageException {
        switch (dataset) {
            case "fashion-mnist":
                return root != null ? FashionMnist.load(root) : FashionMnist.load();
            case "mnist":
                return root != null ? Mnist.load(root) : Mnist.load();
            default:
                throw new BenchmarkUsageException("Unknown dataset " + dataset + ": fashion-mnist or mnist");
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

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
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
}
