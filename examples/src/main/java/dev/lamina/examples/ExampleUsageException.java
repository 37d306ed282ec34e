package dev.lamina.examples;

/**
 * An example cannot run with what it was given (a bad option, missing data, a bad path): the
 * launcher prints the message and exits 2.
 */
public final class ExampleUsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong or missing, and where to get it
     */
    public ExampleUsageException(String message) {
        super(message);
    }
}
