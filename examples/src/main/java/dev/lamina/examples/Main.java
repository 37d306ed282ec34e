package dev.lamina.examples;

import dev.lamina.core.Backend;
import dev.lamina.core.Lamina;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

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
        register("backend", "print the ND4J backend Lamina runs on (native build, oneDNN, threads, BLAS)",
                args -> System.out.println(Backend.describe()));
    }

    private Main() {
    }

    /**
     * Runs the named example.
     *
     * @param args the example's name, then its options
     */
    public static void main(String[] args) {
        Lamina.init();
        System.exit(run(args, System.out));
    }

    /**
     * Runs the named example and returns the exit status instead of exiting.
     *
     * @param args the example's name, then its options
     * @param out where the listing goes
     * @return 0 on success, {@link #USAGE} for an unknown name
     */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            out.println(Backend.describe());
            out.println("Usage: java -jar lamina-examples.jar <example> [options]. Examples:");
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
        example.body.accept(rest);
        return 0;
    }

    private static void list(PrintStream out) {
        EXAMPLES.forEach((name, e) -> out.printf("  %-22s %s%n", name, e.description));
    }

    private static void register(String name, String description, Consumer<String[]> body) {
        EXAMPLES.put(name, new Example(description, body));
    }

    private record Example(String description, Consumer<String[]> body) {
    }
}
