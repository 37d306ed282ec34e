package dev.lamina.benchmarks;

import java.io.PrintStream;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmarks launcher: {@code java -jar benchmarks/target/lamina-benchmarks.jar [name] [options]}.
 *
 * <p>With no name it prints one line per benchmark and exits 0; an unknown name prints the list and
 * exits 2, as does a benchmark given bad arguments; a benchmark that fails exits 1.
 */
public final class Main {

    /** Exit status for an unknown benchmark or bad arguments. */
    public static final int USAGE = 2;

    private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>();

    static {
        register(new Benchmark("training", "training speed, memory and accuracy of one workload:"
                + " --workload W1|W2|W3|WR [--epochs N] [--batch-size N] [--dataset fashion-mnist|mnist]"
                + " [--data ROOT] [--limit N] [--seed S] [--test-each-epoch yes|no];"
                + " --workload W4 takes resnet50's options", TrainingBenchmark::run));
        register(new Benchmark("resnet50", "W4, Keras' ResNet50 on random images as its PyTorch peer times it:"
                + " full training, frozen backbone, inference: [--size 150] [--batch 16] [--steps 6] [--warmup 2]"
                + " [--classes 12] [--infer-batch 32] [--only full|frozen|infer]", ResNet50Benchmark::main));
        register(new Benchmark("serve", "predict throughput of one model shared by threads, results checked bit for bit:"
                + " [--workload W1|W2|W3|WR] [--threads T] [--batch B] [--seconds S] [--warmup S]",
                ServingBenchmark::main));
        register(new Benchmark("conv-blocks", "the tape's overhead over direct libnd4j calls on two conv blocks:"
                + " [--rounds N] [--iters K] [--warmup W] [--seed S] [--batch B] [--x-grad] [--breakdown]",
                ConvBlocksBenchmark::main));
        register(new Benchmark("models", "resident memory over many small CNNs built, trained one step and closed"
                + " or dropped one after another: [--count N] [--close yes|no]", ModelsBenchmark::main));
        register(new Benchmark("keras-load", "opening ResNet50's no-top weights in Keras' h5 layout against reading"
                + " the file's bytes, and the heap it takes: [--rounds N] [--cold yes|no]", KerasLoadBenchmark::main));
        register(new Benchmark("augmentation", "ImageDataGenerator throughput, in memory and from a folder of JPEGs:"
                + " [--rounds R] [--images N] [--files F] [--seed S]", AugmentationBenchmark::main));
    }

    private Main() {
    }

    /**
     * Runs the named benchmark and exits with {@link #run}'s status.
     *
     * @param args the benchmark's name, then its arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Runs the named benchmark and returns the exit status instead of exiting.
     *
     * @param args the benchmark's name, then its arguments
     * @param out where the listing and usage messages go
     * @return 0 on success, 1 when the benchmark failed, {@link #USAGE} for an unknown name or bad arguments
     */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            System.err.println("Usage: java -jar lamina-benchmarks.jar <benchmark> [options]");
            list(out);
            return 0;
        }
        Benchmark benchmark = BENCHMARKS.get(args[0]);
        if (benchmark == null) {
            out.println("Unknown benchmark: " + args[0] + ". Benchmarks:");
            list(out);
            return USAGE;
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        try {
            benchmark.program().run(rest);
            return 0;
        } catch (BenchmarkUsageException e) {
            out.println(e.getMessage());
            return USAGE;
        } catch (Exception e) {
            out.println(benchmark.name() + " failed: " + e.getMessage());
            e.printStackTrace();
            return 1;
        }
    }

    /**
     * The registered benchmarks by name.
     *
     * @return an unmodifiable view, sorted by name
     */
    public static Map<String, Benchmark> benchmarks() {
        return Collections.unmodifiableMap(BENCHMARKS);
    }

    private static void list(PrintStream out) {
        BENCHMARKS.forEach((name, b) -> out.printf("  %-14s %s%n", name, b.description()));
    }

    private static void register(Benchmark benchmark) {
        BENCHMARKS.put(benchmark.name(), benchmark);
    }
}
