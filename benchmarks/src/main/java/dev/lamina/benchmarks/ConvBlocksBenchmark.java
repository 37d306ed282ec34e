package dev.lamina.benchmarks;

import dev.lamina.backend.Backend;
import dev.lamina.backend.NativeOp;
import dev.lamina.core.Lamina;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the overhead of Lamina's tape on the forward and backward pass of the MNIST CNN's first
 * two conv blocks, against calling the same libnd4j ops directly.
 *
 * <p>The workload, at batch 64, float32, NHWC: {@code x [64,28,28,1]} → Conv2D 32 filters 3x3
 * valid + bias → relu → MaxPool 2x2 stride 2 → Conv2D 64 3x3 valid + bias → relu → MaxPool 2 →
 * {@code [64,5,5,64]}, then backward from a fixed upstream gradient to both kernels and biases.
 * Two variants run the same native calls on the same seeded inputs:
 *
 * <ul>
 *   <li><b>lamina</b>: {@link dev.lamina.core.Tensor} variables and ops, {@code y.backward(dy)},
 *       inside one reused {@link dev.lamina.backend.ArrayArena}, parameter gradients zeroed each step;
 *   <li><b>direct</b>: preallocated outputs and one reused op context per call site
 *       ({@link DirectCall}), the fastest path ND4J offers.
 * </ul>
 *
 * <p>Since x needs no gradient, Lamina's {@code Conv2dOp} computes the first layer's kernel and
 * bias gradients by im2col and matmuls instead of {@code conv2d_bp} (which also computes the input
 * gradient, slowly for one input channel); the direct variant makes the same calls (see
 * {@link DirectConvBlocks}). With {@code --x-grad}, x is a variable and both variants use
 * {@code conv2d_bp} for the first layer (twelve calls in all); the lamina variant then also
 * accumulates x's gradient.
 *
 * <p>Method: both variants are checked to agree (output and every parameter gradient), warmed up,
 * then timed in interleaved blocks: each round runs a block of K steps of one variant and then K of
 * the other, alternating which goes first, and records the mean time of a step in each block. The
 * report gives median, min, max and interquartile range of these per-round figures, the overhead
 * {@code median(lamina) / median(direct) - 1}, and the median of the per-round ratios (each ratio
 * compares two blocks run back to back, so it is the figure least disturbed by load from other
 * processes). It also reports Java heap allocation, garbage collections and JavaCPP off-heap growth
 * per step of each variant.
 *
 * <p>Run it with nothing else heavy running, from the repository root after
 * {@code mvn -B -q -o -DskipTests package}:
 *
 * <pre>
 * java -jar benchmarks/target/lamina-benchmarks.jar conv-blocks --rounds 15
 * </pre>
 *
 * <p>Arguments: {@code --rounds N} (default 15), {@code --iters K} steps per block (default 20),
 * {@code --warmup W} untimed steps of each variant (default 300, enough for the JIT to have compiled
 * Lamina's Java code before the timed rounds),
 * {@code --seed S} (default 42), {@code --batch B} (default 64; {@code --batch 1} makes the kernels so
 * small that the difference between the variants is close to the tape's absolute cost per step),
 * {@code --x-grad} (see above), {@code --breakdown} to attribute the overhead afterwards (four
 * variants from direct to lamina, see {@link NativeOpConvBlocks}, then every op of both timed
 * separately). Exits with status 1 when the
 * variants disagree, 2 on bad arguments. The last line is machine-readable:
 * {@code bench conv-blocks lamina_ms=… direct_ms=… overhead_pct=… paired_overhead_pct=…}.
 */
public final class ConvBlocksBenchmark {

    /** Largest accepted relative difference, max|a-b| / max|b|, between the variants' results. */
    static final double TOLERANCE = 1e-4;

    private ConvBlocksBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --rounds N --iters K --warmup W --seed S --batch B --x-grad --breakdown}, all
     *     optional
     */
    public static void main(String[] args) {
        Config cfg = Config.parse(args);

        System.out.println("== Lamina benchmark: tape overhead on the MNIST CNN's first two conv blocks ==");
        System.out.println(Backend.describe());
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "jvm: %s %s (%s), availableProcessors=%d, maxHeap=%d MiB%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "nd4j threads: maxThreads=%d maxMasterThreads=%d OMP_NUM_THREADS=%s%n",
                Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        System.out.printf(Locale.ROOT, "load average at start: %.2f%n", loadAverage());
        System.out.printf(Locale.ROOT,
                "config: x[%d,28,28,1] -> conv3x3(32)+bias+relu+maxpool2 -> conv3x3(64)+bias+relu+maxpool2 -> [%d,5,5,64],"
                        + " float32 NHWC; first-layer backward: %s; rounds=%d iters/block=%d warmup=%d seed=%d%n",
                cfg.batch, cfg.batch, cfg.xGrad ? "conv2d_bp (x requires grad)" : "im2col + matmul (x constant)",
                cfg.rounds, cfg.iters, cfg.warmup, cfg.seed);

        ConvBlockData data = new ConvBlockData(cfg.batch, cfg.seed);
        LaminaConvBlocks lamina = new LaminaConvBlocks(data, cfg.xGrad);
        DirectConvBlocks.Conv1Backward conv1 = cfg.xGrad ? DirectConvBlocks.Conv1Backward.CONV2D_BP
                : DirectConvBlocks.Conv1Backward.IM2COL;
        try (DirectConvBlocks direct = new DirectConvBlocks(data, conv1)) {
            if (!verify(lamina, direct)) {
                System.out.println("FAILED: the variants disagree; no timing done");
                System.exit(1);
            }

            // Alternating steps, so that both variants reach the JIT's steady state together.
            long warm0 = System.nanoTime();
            for (int i = 0; i < cfg.warmup; i++) {
                lamina.step();
                direct.step();
            }
            System.out.printf(Locale.ROOT, "warm-up: %d steps of each variant in %.1f s%n", cfg.warmup,
                    (System.nanoTime() - warm0) / 1e9);
            int arenaAfterWarmup = lamina.arenaSize();
            long jit0 = jitMillis();

            double[] laminaMs = new double[cfg.rounds];
            double[] directMs = new double[cfg.rounds];
            Meter laminaMeter = new Meter();
            Meter directMeter = new Meter();
            System.out.println();
            System.out.println("round  first    lamina_ms  direct_ms  ratio");
            for (int r = 0; r < cfg.rounds; r++) {
                boolean laminaFirst = r % 2 == 0;
                if (laminaFirst) {
                    laminaMs[r] = block(lamina::step, cfg.iters, laminaMeter);
                    directMs[r] = block(direct::step, cfg.iters, directMeter);
                } else {
                    directMs[r] = block(direct::step, cfg.iters, directMeter);
                    laminaMs[r] = block(lamina::step, cfg.iters, laminaMeter);
                }
                System.out.printf(Locale.ROOT, "%5d  %-7s %10.3f %10.3f  %.4f%n", r + 1, laminaFirst ? "lamina" : "direct",
                        laminaMs[r], directMs[r], laminaMs[r] / directMs[r]);
            }
            long jitDuringTiming = jitMillis() - jit0;
            if (lamina.arenaSize() != arenaAfterWarmup) {
                System.out.printf("WARNING: the arena grew from %d to %d arrays during timing%n", arenaAfterWarmup,
                        lamina.arenaSize());
            }

            TimingStats a = TimingStats.of(laminaMs);
            TimingStats b = TimingStats.of(directMs);
            double[] ratios = new double[cfg.rounds];
            for (int r = 0; r < cfg.rounds; r++) {
                ratios[r] = laminaMs[r] / directMs[r];
            }
            TimingStats ratio = TimingStats.of(ratios);
            double overheadPct = (a.median / b.median - 1) * 100;
            double pairedPct = (ratio.median - 1) * 100;

            System.out.println();
            System.out.printf(Locale.ROOT, "ms per step (fwd+bwd), over %d rounds of %d steps:%n", cfg.rounds, cfg.iters);
            System.out.println("variant     median       min       max       IQR");
            System.out.println(a.row("lamina"));
            System.out.println(b.row("direct"));
            System.out.printf(Locale.ROOT, "overhead median(lamina)/median(direct) - 1 = %+.2f%%%n", overheadPct);
            System.out.printf(Locale.ROOT,
                    "paired per-round ratio lamina/direct: median %.4f (%+.2f%%), min %.4f, max %.4f, IQR %.4f%n",
                    ratio.median, pairedPct, ratio.min, ratio.max, ratio.iqr());
            double noise = Math.max(a.iqr() / a.median, b.iqr() / b.median);
            if (noise > 0.15) {
                System.out.printf(Locale.ROOT, "NOISY: an interquartile range is %.0f%% of its median; other processes"
                        + " competed for the cores. Repeat on an idle machine before quoting these figures.%n",
                        noise * 100);
            }
            System.out.println();
            System.out.println("per step during timing:   heap_bytes  gc_count  gc_ms  offheap_growth_bytes");
            System.out.println(laminaMeter.row("lamina", cfg.rounds * cfg.iters));
            System.out.println(directMeter.row("direct", cfg.rounds * cfg.iters));
            System.out.printf("lamina arena: %d arrays (after warm-up %d)%n", lamina.arenaSize(), arenaAfterWarmup);
            System.out.printf(Locale.ROOT, "JIT compilation during timing: %d ms (compiler threads share the cores)%n",
                    jitDuringTiming);
            System.out.printf(Locale.ROOT, "load average at end: %.2f%n", loadAverage());

            if (cfg.breakdown) {
                decompose(data, lamina, direct, cfg);
                breakdown(lamina, direct, cfg);
            }

            System.out.printf(Locale.ROOT,
                    "bench conv-blocks lamina_ms=%.3f direct_ms=%.3f overhead_pct=%.2f paired_overhead_pct=%.2f"
                            + " rounds=%d iters=%d%n",
                    a.median, b.median, overheadPct, pairedPct, cfg.rounds, cfg.iters);
        }
    }

    /** Runs {@code iters} steps and returns the mean milliseconds of one. */
    private static double block(Runnable step, int iters, Meter meter) {
        meter.begin();
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            step.run();
        }
        long t1 = System.nanoTime();
        meter.end();
        return (t1 - t0) / 1e6 / iters;
    }

    /**
     * Checks that both variants give the same output and gradients, twice: the second time
     * exercises the arena's reuse and the zeroing of the accumulated gradients.
     */
    private static boolean verify(LaminaConvBlocks lamina, DirectConvBlocks direct) {
        System.out.println();
        System.out.println("correctness (relative max|lamina - direct| / max|direct|, tolerance " + TOLERANCE + "):");
        direct.step();
        boolean ok = true;
        INDArray firstOutput = null;
        int firstArena = -1;
        for (int pass = 1; pass <= 2; pass++) {
            lamina.step();
            if (pass == 1) {
                firstOutput = lamina.output();
                firstArena = lamina.arenaSize();
            }
            ok &= compare("pass " + pass + " output [N,5,5,64]", lamina.output(), direct.p2);
            ok &= compare("pass " + pass + " dkernel1 [3,3,1,32]", lamina.kernel1Grad(), direct.dk1);
            ok &= compare("pass " + pass + " dbias1 [32]", lamina.bias1Grad(), direct.db1);
            ok &= compare("pass " + pass + " dkernel2 [3,3,32,64]", lamina.kernel2Grad(), direct.dk2);
            ok &= compare("pass " + pass + " dbias2 [64]", lamina.bias2Grad(), direct.db2);
            if (direct.dx != null) {
                ok &= compare("pass " + pass + " dx [N,28,28,1]", lamina.inputGrad(), direct.dx);
            }
        }
        boolean reused = lamina.output() == firstOutput && lamina.arenaSize() == firstArena;
        System.out.printf("arena: %d arrays after step 1, %d after step 2; step 2 reused step 1's output array: %s%n",
                firstArena, lamina.arenaSize(), lamina.output() == firstOutput ? "yes" : "NO");
        if (!reused) {
            System.out.println("WARNING: the arena did not reuse its arrays; lamina allocates every step");
        }
        return ok;
    }

    private static boolean compare(String what, INDArray actual, INDArray expected) {
        if (actual == null) {
            System.out.printf("  %-26s MISSING%n", what);
            return false;
        }
        if (!java.util.Arrays.equals(actual.shape(), expected.shape())) {
            System.out.printf("  %-26s shape %s, expected %s%n", what, java.util.Arrays.toString(actual.shape()),
                    java.util.Arrays.toString(expected.shape()));
            return false;
        }
        double scale = expected.amaxNumber().doubleValue();
        double diff = actual.sub(expected).amaxNumber().doubleValue();
        double rel = scale > 0 ? diff / scale : diff;
        boolean ok = rel < TOLERANCE && !Double.isNaN(rel);
        System.out.printf(Locale.ROOT, "  %-26s max|diff| %.3e  max|direct| %.3e  rel %.3e  %s%n", what, diff, scale,
                rel, ok ? "ok" : "MISMATCH");
        return ok;
    }

    /**
     * Attributes the overhead: times four variants in rotating order each round, from "direct" to
     * "lamina", each adding one source of cost (see {@link NativeOpConvBlocks}).
     */
    private static void decompose(ConvBlockData data, LaminaConvBlocks lamina, DirectConvBlocks direct, Config cfg) {
        NativeOpConvBlocks marshalled = new NativeOpConvBlocks(data, direct, false);
        NativeOpConvBlocks bookkept = new NativeOpConvBlocks(data, direct, true);
        String[] names = {"direct", "+ per-call marshalling (NativeOp)", "+ Lamina's small legacy ops",
            "lamina (+ tape)"};
        Runnable[] steps = {direct::step, marshalled::step, bookkept::step, lamina::step};
        for (int i = 0; i < cfg.warmup; i++) {
            marshalled.step();
            bookkept.step();
        }
        double[][] ms = new double[steps.length][cfg.rounds];
        Meter sink = new Meter();
        for (int r = 0; r < cfg.rounds; r++) {
            for (int k = 0; k < steps.length; k++) {
                int v = (r + k) % steps.length;
                ms[v][r] = block(steps[v], cfg.iters, sink);
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT,
                "overhead decomposition, ms per step, %d rounds of %d steps, variants in rotating order:%n", cfg.rounds,
                cfg.iters);
        System.out.println("  variant                                median       IQR   vs direct (paired median)");
        for (int v = 0; v < steps.length; v++) {
            TimingStats s = TimingStats.of(ms[v]);
            double[] ratio = new double[cfg.rounds];
            for (int r = 0; r < cfg.rounds; r++) {
                ratio[r] = ms[v][r] / ms[0][r];
            }
            System.out.printf(Locale.ROOT, "  %-36s %9.3f %9.3f   %+.2f%%%n", names[v], s.median, s.iqr(),
                    (TimingStats.of(ratio).median - 1) * 100);
        }
    }

    /** Times every op of both variants, interleaved like the main measurement. */
    private static void breakdown(LaminaConvBlocks lamina, DirectConvBlocks direct, Config cfg) {
        String[] laminaPhases = {"zeroGrad", "conv2d#1", "relu#1", "maxpool2d#1", "conv2d#2", "relu#2",
            "maxpool2d#2", "backward"};
        java.util.List<String> callNames = direct.callNames();
        int calls = callNames.size();
        long[] la = new long[laminaPhases.length];
        long[] da = new long[calls];
        int rounds = cfg.rounds;
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                for (int i = 0; i < cfg.iters; i++) {
                    lamina.stepTimed(la);
                }
                for (int i = 0; i < cfg.iters; i++) {
                    direct.stepTimed(da);
                }
            } else {
                for (int i = 0; i < cfg.iters; i++) {
                    direct.stepTimed(da);
                }
                for (int i = 0; i < cfg.iters; i++) {
                    lamina.stepTimed(la);
                }
            }
        }
        double n = (double) rounds * cfg.iters;
        System.out.println();
        System.out.printf(Locale.ROOT, "breakdown, mean µs per step over %d steps each (interleaved blocks):%n",
                (long) n);
        System.out.println("  phase                              lamina     direct");
        double directFwd = 0;
        for (int i = 0; i < 6; i++) {
            directFwd += da[i] / n / 1e3;
        }
        double directBwd = 0;
        for (int i = 6; i < calls; i++) {
            directBwd += da[i] / n / 1e3;
        }
        System.out.printf(Locale.ROOT, "  %-32s %9.1f %10s%n", laminaPhases[0], la[0] / n / 1e3, "-");
        double laminaFwd = 0;
        for (int i = 1; i <= 6; i++) {
            double l = la[i] / n / 1e3;
            laminaFwd += l;
            System.out.printf(Locale.ROOT, "  %-32s %9.1f %10.1f%n", callNames.get(i - 1), l, da[i - 1] / n / 1e3);
        }
        System.out.printf(Locale.ROOT, "  %-32s %9.1f %10.1f%n", "forward total", laminaFwd, directFwd);
        for (int i = 6; i < calls; i++) {
            System.out.printf(Locale.ROOT, "  %-32s %9s %10.1f%n", callNames.get(i), "", da[i] / n / 1e3);
        }
        System.out.printf(Locale.ROOT, "  %-32s %9.1f %10.1f%n", "backward total (lamina: whole tape walk)",
                la[7] / n / 1e3, directBwd);
        System.out.printf(Locale.ROOT, "  %-32s %9.1f %10.1f%n", "step total",
                (la[0] + laminaFwd * n * 1e3 + la[7]) / n / 1e3, directFwd + directBwd);
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Java heap allocation, collections and JavaCPP off-heap growth, summed over timed blocks. */
    private static final class Meter {
        private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final java.util.List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();
        private long heapBytes;
        private long gcCount;
        private long gcMillis;
        private long offHeapGrowth;
        private long heap0;
        private long gcCount0;
        private long gcMillis0;
        private long offHeap0;

        void begin() {
            heap0 = allocatedBytes();
            gcCount0 = gcCount();
            gcMillis0 = gcMillis();
            offHeap0 = Pointer.totalBytes();
        }

        void end() {
            heapBytes += allocatedBytes() - heap0;
            gcCount += gcCount() - gcCount0;
            gcMillis += gcMillis() - gcMillis0;
            offHeapGrowth += Pointer.totalBytes() - offHeap0;
        }

        String row(String label, long steps) {
            return String.format(Locale.ROOT, "  %-22s %12d %9.3f %6.3f %21d", label,
                    heapBytes < 0 ? -1 : heapBytes / steps, (double) gcCount / steps, (double) gcMillis / steps,
                    offHeapGrowth / steps);
        }

        private static long allocatedBytes() {
            if (THREADS instanceof com.sun.management.ThreadMXBean sun) {
                return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
            }
            return Long.MIN_VALUE / 4;
        }

        private static long gcCount() {
            long n = 0;
            for (GarbageCollectorMXBean gc : GCS) {
                n += Math.max(0, gc.getCollectionCount());
            }
            return n;
        }

        private static long gcMillis() {
            long n = 0;
            for (GarbageCollectorMXBean gc : GCS) {
                n += Math.max(0, gc.getCollectionTime());
            }
            return n;
        }
    }

    /** Command-line settings. */
    private static final class Config {
        int rounds = 15;
        int iters = 20;
        int warmup = 300;
        int batch = ConvBlockData.BATCH;
        long seed = 42;
        boolean breakdown;
        boolean xGrad;

        static Config parse(String[] args) {
            Config c = new Config();
            try {
                for (int i = 0; i < args.length; i++) {
                    switch (args[i]) {
                        case "--rounds" -> c.rounds = positive(args, ++i);
                        case "--iters" -> c.iters = positive(args, ++i);
                        case "--warmup" -> c.warmup = Integer.parseInt(value(args, ++i));
                        case "--seed" -> c.seed = Long.parseLong(value(args, ++i));
                        case "--batch" -> c.batch = positive(args, ++i);
                        case "--breakdown" -> c.breakdown = true;
                        case "--x-grad" -> c.xGrad = true;
                        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                }
                if (c.warmup < 0) {
                    throw new IllegalArgumentException("--warmup must be >= 0");
                }
            } catch (IllegalArgumentException e) {
                System.err.println("ConvBlocksBenchmark: " + e.getMessage());
                System.err.println("usage: ConvBlocksBenchmark [--rounds N] [--iters K] [--warmup W] [--seed S] [--batch B]"
                        + " [--x-grad] [--breakdown]");
                System.exit(2);
            }
            return c;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int positive(String[] args, int i) {
            int v = Integer.parseInt(value(args, i));
            if (v <= 0) {
                throw new IllegalArgumentException(args[i - 1] + " must be > 0, got " + v);
            }
            return v;
        }
    }
}
