package dev.lamina.examples;

/** An example cannot run with what it was given (missing data, a bad path): the launcher exits 2. */
public final class ExampleUsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing and where to get it
     */
    public ExampleUsageException(String message) {
        super(message);
    }
}
