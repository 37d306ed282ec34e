package dev.lamina.benchmarks;

/**
 * One benchmark of the launcher.
 *
 * @param name the name on the command line, e.g. {@code training}
 * @param description one line saying what it measures and which options it takes
 * @param program its entry: runs it with the arguments after the name
 */
public record Benchmark(String name, String description, Program program) {

    /** A benchmark's entry, as {@code main} but allowed to return normally and to throw. */
    @FunctionalInterface
    public interface Program {

        /**
         * Runs the benchmark.
         *
         * @param args the arguments after the benchmark's name
         * @throws Exception when it fails; {@link BenchmarkUsageException} for bad arguments
         */
        void run(String[] args) throws Exception;
    }
}
