package dev.lamina.examples;

import java.nio.file.Path;

/**
 * The launcher's common options: {@code [--epochs N] [--batch-size N] [--data ROOT] [--limit N]
 * [--out DIR] [--input PATH]}. Values left out are {@code null} (or -1), so each example applies its own defaults.
 */
public final class ExampleOptions {

    private Integer epochs;
    private Integer batchSize;
    private Path data;
    private int limit = -1;
    private Path out;
    private Path input;
    private final java.util.Map<String, String> named = new java.util.HashMap<>();
    private final String name;

    private ExampleOptions(String name) {
        this.name = name;
    }

    /**
     * Parses the options after the example's name.
     *
     * @param name the example's name (for the default output folder)
     * @param args the options
     * @return the options
     * @throws IllegalArgumentException naming an unknown option or a bad value
     */
    public static ExampleOptions parse(String name, String[] args) {
        ExampleOptions o = new ExampleOptions(name);
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + key + " needs a value");
            }
            String value = args[++i];
            switch (key) {
                case "--epochs":
                    o.epochs = positive(key, value);
                    break;
                case "--batch-size":
                    o.batchSize = positive(key, value);
                    break;
                case "--data":
                    o.data = Path.of(value);
                    break;
                case "--limit":
                    o.limit = positive(key, value);
                    break;
                case "--out":
                    o.out = Path.of(value);
                    break;
                case "--input":
                    o.input = Path.of(value);
                    break;
                case "--workload":
                case "--dataset":
                case "--seed":
                case "--test-each-epoch":
                    o.named.put(key.substring(2), value);
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option " + key
                            + ". Options: --epochs N, --batch-size N, --data ROOT, --limit N, --out DIR, --input PATH, --workload W, --dataset NAME, --seed S, --test-each-epoch yes|no");
            }
        }
        return o;
    }

    private static int positive(String key, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Option " + key + " needs a positive integer. Received: " + value);
    }

    /** @param fallback the example's default @return the epochs */
    public int epochs(int fallback) {
        return epochs != null ? epochs : fallback;
    }

    /** @param fallback the example's default @return the batch size */
    public int batchSize(int fallback) {
        return batchSize != null ? batchSize : fallback;
    }

    /** @return the datasets root, or {@code null} for the loaders' resolution order */
    public Path data() {
        return data;
    }

    /** @return the cap on training samples, or -1 for all */
    public int limit() {
        return limit;
    }

    /** @return an example's own input (an image folder, an image), or {@code null} */
    public Path input() {
        return input;
    }

    /**
     * A benchmark's named option ({@code --workload}, {@code --dataset}, {@code --seed}).
     *
     * @param key the option without dashes
     * @param fallback the value when absent
     * @return the value
     */
    public String option(String key, String fallback) {
        return named.getOrDefault(key, fallback);
    }

    /** @return where outputs go: {@code --out}, else {@code lamina-out/<name>/} */
    public Path out() {
        return out != null ? out : Path.of("lamina-out", name);
    }
}
