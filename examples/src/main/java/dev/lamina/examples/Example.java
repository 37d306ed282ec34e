package dev.lamina.examples;

/**
 * One example of the launcher.
 *
 * @param name the name on the command line, e.g. {@code mnist-cnn}
 * @param description one line saying what it does
 * @param program its entry: runs it with the options after the name
 */
public record Example(String name, String description, Program program) {

    /** An example's entry: its {@code main}, returning what it achieved instead of exiting. */
    @FunctionalInterface
    public interface Program {

        /**
         * Runs the example.
         *
         * @param args the run options ({@link RunOptions})
         * @return what it achieved
         * @throws ExampleUsageException for a bad option, missing data or a bad path
         */
        ExampleResult run(String... args);
    }
}
