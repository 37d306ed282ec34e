package dev.lamina.benchmarks;

import dev.lamina.applications.ApplicationOptions;
import dev.lamina.applications.ResNet50;
import dev.lamina.core.Lamina;
import dev.lamina.models.Model;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long opening a large Keras weight file takes against reading its bytes: writes ResNet50's
 * no-top weights (random, about 94 MB) in Keras' legacy {@code save_weights} layout, then times
 * {@code Files.readAllBytes} and {@code loadWeights} into a fresh ResNet50, alternating, and
 * records the Java heap's peak during each load. Prints
 * {@code RESULT keras-load mb M read_s R load_s L ratio X heap_peak_mb H heap_ratio Y} (medians;
 * the ratios against the read time and the weights' size). Options: {@code [--rounds N]
 * [--cold yes|no]}. Without {@code --cold yes} the file is read from the page cache after the first
 * round, the cheapest a read can be; with it the page cache is emptied before every read and every
 * load (Linux, as root), so both come from the disk.
 */
public final class KerasLoadBenchmark {

    private KerasLoadBenchmark() {
    }

    /**
     * Runs the benchmark from the command line.
     *
     * @param args {@code [--rounds N] [--cold yes|no]}
     * @throws Exception when an option is wrong or a file cannot be written or read
     */
    public static void main(String[] args) throws Exception {
        int[] rounds = {5};
        boolean[] cold = {false};
        OptionArgs.forEach(args, (key, value) -> {
            switch (key) {
                case "--rounds" -> rounds[0] = OptionArgs.atLeast(key, value, 1);
                case "--cold" -> cold[0] = OptionArgs.yesNo(key, value);
                default -> throw new BenchmarkUsageException("Unknown option " + key
                        + ". Options: --rounds N, --cold yes|no");
            }
        });
        Lamina.setSeed(1);
        ApplicationOptions options = ApplicationOptions.defaults().includeTop(false).weights((String) null)
                .inputShape(150, 150, 3);
        Path file = Files.createTempFile("resnet50-notop", ".h5");
        try (Model source = ResNet50.create(options); Model target = ResNet50.create(options)) {
            source.saveWeights(file);
            double mb = Files.size(file) / 1e6;
            double[] read = new double[rounds[0]];
            double[] load = new double[rounds[0]];
            double[] heap = new double[rounds[0]];
            for (int r = 0; r < rounds[0]; r++) {
                dropCachesIf(cold[0]);
                long t0 = System.nanoTime();
                int length = Files.readAllBytes(file).length;
                read[r] = (System.nanoTime() - t0) / 1e9;
                if (length != Files.size(file)) {
                    throw new IllegalStateException("read " + length + " bytes of " + file);
                }
                System.gc();
                resetHeapPeaks();
                dropCachesIf(cold[0]);
                long t1 = System.nanoTime();
                target.loadWeights(file);
                load[r] = (System.nanoTime() - t1) / 1e9;
                heap[r] = heapPeakBytes() / 1e6;
            }
            double readS = median(read);
            double loadS = median(load);
            double heapMb = median(heap);
            System.out.printf(Locale.ROOT, "RESULT keras-load mb %.1f read_s %.3f load_s %.3f ratio %.2f heap_peak_mb %.1f"
                    + " heap_ratio %.2f%n", mb, readS, loadS, loadS / readS, heapMb, heapMb / mb);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Empties the page cache (Linux, as root) so that the next read comes from the disk. */
    private static void dropCachesIf(boolean cold) throws java.io.IOException {
        if (cold) {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
        }
    }

    private static void resetHeapPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap in use. */
    private static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
