package dev.lamina.examples;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The examples launcher: {@code java -jar examples/target/lamina-examples.jar [name] [options]}.
 *
 * <p>With no name it prints the backend and one line per example and exits 0; an unknown name
 * prints the list and exits 2.
 */
public final class Main {

    /** Exit status for an unknown example or bad arguments. */
    public static final int USAGE = 2;

    private static final Map<String, Example> EXAMPLES = new TreeMap<>();

    static {
        register(new MnistCnn());
        register(new MnistCnnBn());
        register(new LenetFashionMnist());
        register(new SignMnistCnn());
        register(new Cifar10Mlp());
        register(new Cifar10Cnn());
        register(new Cifar10Augmented());
        register(new ImageFolders());
        register(new ConvolutionFilters());
    }

    private Main() {
    }

    /**
     * Runs the named example.
     *
     * @param args the example's name, then its options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Runs the named example and returns the exit status instead of exiting.
     *
     * @param args the example's name, then its options
     * @param out where the listing goes (one line per example)
     * @return 0 on success, 1 when the example failed, {@link #USAGE} for an unknown name or option
     */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            System.err.println("Usage: java -jar lamina-examples.jar <example> [--epochs N] [--batch-size N] "
                    + "[--data ROOT] [--limit N] [--out DIR]");
            list(out);
            return 0;
        }
        Example example = EXAMPLES.get(args[0]);
        if (example == null) {
            out.println("Unknown example: " + args[0] + ". Examples:");
            list(out);
            return USAGE;
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        ExampleOptions options;
        try {
            options = ExampleOptions.parse(example.name(), rest);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return USAGE;
        }
        try {
            example.run(options);
            return 0;
        } catch (ExampleUsageException e) {
            out.println(e.getMessage());
            return USAGE;
        } catch (Exception e) {
            out.println(example.name() + " failed: " + e.getMessage());
            e.printStackTrace();
            return 1;
        }
    }

    /**
     * The registered examples by name.
     *
     * @return the examples
     */
    public static Map<String, Example> examples() {
        return java.util.Collections.unmodifiableMap(EXAMPLES);
    }

    private static void list(PrintStream out) {
        EXAMPLES.forEach((name, e) -> out.printf("  %-22s %s%n", name, e.description()));
    }

    private static void register(Example example) {
        EXAMPLES.put(example.name(), example);
    }
}
