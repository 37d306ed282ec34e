package dev.lamina.examples;

import dev.lamina.callbacks.Callback;
import dev.lamina.core.LaminaIOException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An example's run options, {@code [--epochs N] [--batch-size N] [--data ROOT] [--limit N] [--out DIR]
 * [--input PATH] [--image PATH] [--memory yes|no]}, each optional: an example passes its notebook's value as
 * the default.
 */
public final class RunOptions {

    private final String name;
    private Integer epochs;
    private Integer batchSize;
    private Path data;
    private int limit = -1;
    private Path out;
    private Path input;
    private Path image;
    private boolean memory;

    private RunOptions(String name) {
        this.name = name;
    }

    /**
     * Parses an example's command line.
     *
     * @param name the example's name, which names its default output folder
     * @param args option names, each followed by its value
     * @return the options
     * @throws ExampleUsageException naming an unknown option or a bad value, with the value received
     */
    public static RunOptions parse(String name, String... args) {
        RunOptions o = new RunOptions(name);
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new ExampleUsageException("Option " + key + " needs a value");
            }
            String value = args[i + 1];
            switch (key) {
                case "--epochs" -> o.epochs = positive(key, value);
                case "--batch-size" -> o.batchSize = positive(key, value);
                case "--data" -> o.data = Path.of(value);
                case "--limit" -> o.limit = positive(key, value);
                case "--out" -> o.out = Path.of(value);
                case "--input" -> o.input = Path.of(value);
                case "--image" -> o.image = Path.of(value);
                case "--memory" -> o.memory = yesNo(key, value);
                default -> throw new ExampleUsageException("Unknown option " + key
                        + ". Options: --epochs N, --batch-size N, --data ROOT, --limit N, --out DIR, --input PATH, --image PATH,"
                        + " --memory yes|no");
            }
        }
        return o;
    }

    private static boolean yesNo(String key, String value) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new ExampleUsageException("Option " + key + " needs yes or no. Received: " + value);
        };
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
        throw new ExampleUsageException("Option " + key + " needs a positive integer. Received: " + value);
    }

    /**
     * The callbacks that {@code --memory yes} adds to a fit: a {@link MemoryLog} printing to the
     * standard output after each epoch.
     *
     * @return the callbacks, none without {@code --memory yes}
     */
    public Callback[] callbacks() {
        return memory ? new Callback[] {new MemoryLog(System.out)} : new Callback[0];
    }

    /**
     * Whether {@code --memory yes} asked for memory lines.
     *
     * @return {@code true} to print them
     */
    public boolean memory() {
        return memory;
    }

    /**
     * The number of epochs.
     *
     * @param notebook the notebook's number
     * @return {@code --epochs}, else {@code notebook}
     */
    public int epochs(int notebook) {
        return epochs != null ? epochs : notebook;
    }

    /**
     * The batch size.
     *
     * @param notebook the notebook's batch size
     * @return {@code --batch-size}, else {@code notebook}
     */
    public int batchSize(int notebook) {
        return batchSize != null ? batchSize : notebook;
    }

    /**
     * The datasets root searched first ({@code --data}): the loaders take {@code null} as none.
     *
     * @return the root, or {@code null} for the loaders' own search order
     */
    public Path data() {
        return data;
    }

    /**
     * How many training samples to use.
     *
     * @param available how many there are
     * @return {@code --limit} when it is smaller, else {@code available}
     */
    public long limit(long available) {
        return limit > 0 ? Math.min(limit, available) : available;
    }

    /**
     * The example's own input ({@code --input}): an image, a folder of class folders.
     *
     * @return the path, or {@code null} when none was given
     */
    public Path input() {
        return input;
    }

    /**
     * An image to run a model on ({@code --image}).
     *
     * @return the path, or {@code null} when none was given
     */
    public Path image() {
        return image;
    }

    /**
     * The folder the outputs go to, created if missing.
     *
     * @return {@code --out}, else {@code lamina-out/<name>/}
     * @throws LaminaIOException when the folder cannot be created
     */
    public Path out() {
        Path dir = out != null ? out : Path.of("lamina-out", name);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LaminaIOException("Cannot create the output folder " + dir, e);
        }
    }
}
