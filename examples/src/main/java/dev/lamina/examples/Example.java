package dev.lamina.examples;

/** One runnable example of the launcher. */
public interface Example {

    /** @return the name on the command line, e.g. {@code mnist-cnn} */
    String name();

    /** @return one line saying what it does */
    String description();

    /**
     * Runs the example.
     *
     * @param options the parsed options
     * @return what it achieved, for tests and the results table
     * @throws Exception when it fails; the launcher reports it
     */
    ExampleResult run(ExampleOptions options) throws Exception;
}
