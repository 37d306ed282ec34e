package dev.lamina.benchmarks;

/** A benchmark cannot run with the arguments it was given: the launcher prints the message and exits 2. */
public final class BenchmarkUsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, with the value received
     */
    public BenchmarkUsageException(String message) {
        super(message);
    }
}
