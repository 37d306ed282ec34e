package dev.lamina.benchmarks;

/** The benchmarks' command lines: {@code --name value} pairs, integers with a lower bound, yes or no. */
final class OptionArgs {

    /** Takes one option and its value. */
    @FunctionalInterface
    interface Handler {
        void accept(String key, String value) throws BenchmarkUsageException;
    }

    private OptionArgs() {
    }

    /** Hands each {@code --name value} pair to the handler, refusing a name without a value. */
    static void forEach(String[] args, Handler handler) throws BenchmarkUsageException {
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new BenchmarkUsageException("Option " + args[i] + " needs a value");
            }
            handler.accept(args[i], args[i + 1]);
        }
    }

    /** The value as an integer of at least {@code min}, or an error naming the option and the value. */
    static int atLeast(String key, String value, int min) throws BenchmarkUsageException {
        try {
            int v = Integer.parseInt(value);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchmarkUsageException("Option " + key + " needs an integer of at least " + min + ". Received: "
                + value);
    }

    /** The value as {@code yes} (true) or {@code no} (false), or an error naming the option and the value. */
    static boolean yesNo(String key, String value) throws BenchmarkUsageException {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new BenchmarkUsageException("Option " + key + " takes yes or no. Received: " + value);
        };
    }
}
