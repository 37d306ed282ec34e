package dev.lamina.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a benchmark prints to standard output, captured for a test. */
final class Printed {

    /** A benchmark run that may fail. */
    @FunctionalInterface
    interface Run {
        /** Runs it, printing to {@code out} where it takes a stream (else to {@code System.out}). */
        void run(PrintStream out) throws Exception;
    }

    private Printed() {
    }

    /**
     * Runs {@code run} with standard output captured, restoring it afterwards.
     *
     * @param run the benchmark call
     * @return what it printed, as UTF-8
     * @throws Exception what the run threw
     */
    static String by(Run run) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            run.run(capture);
        } finally {
            System.setOut(stdout);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
