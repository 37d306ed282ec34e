package dev.lamina.benchmarks;

import java.nio.file.Path;

/**
 * The training benchmark's options: {@code [--workload W1|W2|W3|WR] [--epochs N] [--batch-size N]
 * [--dataset fashion-mnist|mnist] [--data ROOT] [--limit N] [--seed S] [--test-each-epoch yes|no]}.
 * Each has a default, so no option is required. W4 takes other options: {@link ResNet50Options}.
 */
public final class TrainingOptions {

    private String workload = "W1";
    private int epochs = 3;
    private Integer batchSize;
    private String dataset = "fashion-mnist";
    private Path data;
    private int limit = -1;
    private long seed = 1;
    private boolean testEachEpoch;

    private TrainingOptions() {
    }

    /**
     * Parses the options.
     *
     * @param args option names, each followed by its value
     * @return the options, defaults filled in
     * @throws BenchmarkUsageException naming an unknown option or a bad value, with the value received
     */
    public static TrainingOptions parse(String... args) throws BenchmarkUsageException {
        TrainingOptions o = new TrainingOptions();
        OptionArgs.forEach(args, (key, value) -> {
            switch (key) {
                case "--workload" -> o.workload = value;
                case "--epochs" -> o.epochs = OptionArgs.atLeast(key, value, 1);
                case "--batch-size" -> o.batchSize = OptionArgs.atLeast(key, value, 1);
                case "--dataset" -> o.dataset = value;
                case "--data" -> o.data = Path.of(value);
                case "--limit" -> o.limit = OptionArgs.atLeast(key, value, 1);
                case "--seed" -> o.seed = seed(value);
                case "--test-each-epoch" -> o.testEachEpoch = OptionArgs.yesNo(key, value);
                default -> throw new BenchmarkUsageException("Unknown option " + key + ". Options: --workload W1|W2|W3|WR,"
                        + " --epochs N, --batch-size N, --dataset fashion-mnist|mnist, --data ROOT, --limit N,"
                        + " --seed S, --test-each-epoch yes|no");
            }
        });
        return o;
    }

    private static long seed(String value) throws BenchmarkUsageException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BenchmarkUsageException("Option --seed needs an integer. Received: " + value);
        }
    }

    /** @return the workload's name, {@code W1} by default */
    public String workload() {
        return workload;
    }

    /** @return the number of epochs, 3 by default */
    public int epochs() {
        return epochs;
    }

    /** @return the batch size: {@code --batch-size}, else the workload's own */
    public int batchSize() {
        return batchSize != null ? batchSize : Workloads.batchSize(workload);
    }

    /** @return the data set's name, {@code fashion-mnist} by default */
    public String dataset() {
        return dataset;
    }

    /** @return the datasets root searched first, or {@code null} for the loaders' own search order */
    public Path data() {
        return data;
    }

    /** @return the cap on training samples, or -1 for all of them */
    public int limit() {
        return limit;
    }

    /** @return the random seed, 1 by default */
    public long seed() {
        return seed;
    }

    /** @return whether to print the test accuracy after every epoch as well, no by default */
    public boolean testEachEpoch() {
        return testEachEpoch;
    }
}
