package dev.lamina.benchmarks;

import dev.lamina.core.Lamina;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The resident set of a program that builds many models one after another, as a hyper-parameter
 * search does: each small CNN on 28x28x1 images is built, compiled, trained one step on a batch of
 * 32, asked for one prediction, and then closed ({@code --close yes}, the default) or only dropped
 * ({@code --close no}, left to the garbage collector). Prints {@code RSS model N: X MB} every 50
 * models (with the Java heap's committed and used sizes and the Java allocation per model since the
 * last line) and {@code RESULT models count N close yes|no rss_at_50_mb A rss_end_mb B growth_pct G},
 * the growth from model 50 to the last. Options: {@code [--count N] [--close yes|no]}.
 */
public final class ModelsBenchmark {

    private static final int REPORT_EVERY = 50;

    private ModelsBenchmark() {
    }

    /**
     * Runs the benchmark from the command line.
     *
     * @param args the options above
     * @throws BenchmarkUsageException when an option is wrong
     */
    public static void main(String[] args) throws BenchmarkUsageException {
        int[] count = {300};
        boolean[] close = {true};
        OptionArgs.forEach(args, (key, value) -> {
            switch (key) {
                case "--count" -> count[0] = OptionArgs.atLeast(key, value, REPORT_EVERY);
                case "--close" -> close[0] = OptionArgs.yesNo(key, value);
                default -> throw new BenchmarkUsageException("Unknown option " + key
                        + ". Options: --count N (at least " + REPORT_EVERY + "), --close yes|no");
            }
        });
        Lamina.setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 28, 28, 1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        long atReport = 0;
        long allocated = allocatedBytes();
        for (int n = 1; n <= count[0]; n++) {
            Model m = cnn();
            m.trainOnBatch(x, y);
            m.predict(x, 32);
            if (close[0]) {
                m.close();
            }
            if (n % REPORT_EVERY == 0 || n == count[0]) {
                long rss = ProcessMemory.rssMb();
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                long now = allocatedBytes();
                System.out.printf(Locale.ROOT, "RSS model %d: %d MB (heap %d MB committed, %d MB used;"
                        + " Java allocation %.0f KB a model)%n", n, rss, heap.getCommitted() >> 20,
                        heap.getUsed() >> 20, (now - allocated) / 1024.0 / REPORT_EVERY);
                allocated = now;
                if (n == REPORT_EVERY) {
                    atReport = rss;
                }
            }
        }
        long end = ProcessMemory.rssMb();
        double growth = atReport == 0 ? Double.NaN : 100.0 * (end - atReport) / atReport;
        System.out.println(String.format(Locale.ROOT,
                "RESULT models count %d close %s rss_at_50_mb %d rss_end_mb %d growth_pct %.1f",
                count[0], close[0] ? "yes" : "no", atReport, end, growth));
    }

    /** Bytes this thread has allocated on the Java heap so far. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Model cnn() {
        Sequential m = new Sequential();
        m.add(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1));
        m.add(new MaxPooling2D(2));
        m.add(new Conv2D(64, 3).activation("relu"));
        m.add(new MaxPooling2D(2));
        m.add(new Flatten());
        m.add(new Dense(128).activation("relu"));
        m.add(new Dense(10).activation("softmax"));
        m.compile(new Adam(1e-3), "categorical_crossentropy");
        return m;
    }
}
