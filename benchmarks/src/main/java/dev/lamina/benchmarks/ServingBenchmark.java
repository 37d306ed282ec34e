package dev.lamina.benchmarks;

import dev.lamina.core.Lamina;
import dev.lamina.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of one model shared by several threads, as a server shares it: each thread calls
 * {@code predict} on its own batch of random 28x28x1 images in a loop for a fixed time. Prints
 * {@code RESULT serve threads T batch B images_per_s X calls C identical yes|no}, where
 * {@code identical} says whether every prediction equalled, bit for bit, the one the same batch
 * gets from a single thread before the run. Options: {@code [--workload W1|W2|W3|WR] [--threads T]
 * [--batch B] [--seconds S] [--warmup S]} (an untimed warm-up, 3 s by default). Compare runs with different {@code --threads} on an
 * otherwise idle machine.
 */
public final class ServingBenchmark {

    /** The command line's values, defaults filled in. */
    private static final class Settings {
        String workload = "W1";
        int threads = 1;
        int batch = 1;
        int seconds = 10;
        int warmup = 3;
    }

    private ServingBenchmark() {
    }

    /**
     * Runs the benchmark from the command line.
     *
     * @param args the options above
     * @throws Exception when an option is wrong or a prediction fails
     */
    public static void main(String[] args) throws Exception {
        Settings o = new Settings();
        OptionArgs.forEach(args, (key, value) -> {
            switch (key) {
                case "--workload" -> o.workload = value;
                case "--threads" -> o.threads = OptionArgs.atLeast(key, value, 1);
                case "--batch" -> o.batch = OptionArgs.atLeast(key, value, 1);
                case "--seconds" -> o.seconds = OptionArgs.atLeast(key, value, 1);
                case "--warmup" -> o.warmup = OptionArgs.atLeast(key, value, 0);
                default -> throw new BenchmarkUsageException("Unknown option " + key
                        + ". Options: --workload W1|W2|W3|WR, --threads T, --batch B, --seconds S, --warmup S");
            }
        });
        String workload = o.workload;
        int threads = o.threads;
        int batch = o.batch;
        double seconds = o.seconds;
        Lamina.setSeed(1);
        Model model = Workloads.compiled(workload);
        INDArray[] inputs = new INDArray[threads];
        INDArray[] expected = new INDArray[threads];
        for (int t = 0; t < threads; t++) {
            inputs[t] = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(100 + t), batch, 28, 28, 1)
                    .castTo(DataType.FLOAT);
            expected[t] = model.predict(inputs[t], batch);
        }
        run(model, inputs, expected, o.warmup);
        long[] result = run(model, inputs, expected, seconds);
        double imagesPerS = result[0] * (double) batch / seconds;
        System.out.printf(Locale.ROOT, "RESULT serve workload %s threads %d batch %d images_per_s %.1f calls %d identical %s%n",
                workload, threads, batch, imagesPerS, result[0], result[1] == 0 ? "yes" : "no");
    }

    /** Every thread predicts its batch until the time is up; returns {calls, mismatches}. */
    private static long[] run(Model model, INDArray[] inputs, INDArray[] expected, double seconds) throws Exception {
        int threads = inputs.length;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    long end = System.nanoTime() + (long) (seconds * 1e9);
                    long calls = 0;
                    long mismatches = 0;
                    while (System.nanoTime() < end) {
                        INDArray out = model.predict(inputs[index], (int) inputs[index].size(0));
                        if (!bitIdentical(out, expected[index])) {
                            mismatches++;
                        }
                        calls++;
                    }
                    return new long[] {calls, mismatches};
                }));
            }
            long calls = 0;
            long mismatches = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                calls += r[0];
                mismatches += r[1];
            }
            return new long[] {calls, mismatches};
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean bitIdentical(INDArray a, INDArray b) {
        float[] x = a.data().asFloat();
        float[] y = b.data().asFloat();
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                return false;
            }
        }
        return true;
    }
}
