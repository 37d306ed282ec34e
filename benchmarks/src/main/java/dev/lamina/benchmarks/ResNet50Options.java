package dev.lamina.benchmarks;

/**
 * The ResNet50 benchmark's (W4's) options, those of its PyTorch peer
 * ({@code ../shared/peers/pytorch/resnet50.py}) with the peer's defaults: {@code [--size 150]
 * [--batch 16] [--steps 6] [--warmup 2] [--classes 12] [--infer-batch 32] [--only full|frozen|infer]}.
 * The peer's {@code --threads} has no counterpart: Lamina uses the threads its backend reports.
 */
public final class ResNet50Options {

    private static final String USAGE = "Options: --size N (at least 32), --batch N, --steps N, --warmup N,"
            + " --classes N, --infer-batch N, --only full|frozen|infer";

    private int size = 150;
    private int batch = 16;
    private int steps = 6;
    private int warmup = 2;
    private int classes = 12;
    private int inferBatch = 32;
    private String only;

    private ResNet50Options() {
    }

    /**
     * Parses the options.
     *
     * @param args option names, each followed by its value
     * @return the options, defaults filled in
     * @throws BenchmarkUsageException naming an unknown option or a bad value, with the value received
     */
    public static ResNet50Options parse(String... args) throws BenchmarkUsageException {
        ResNet50Options o = new ResNet50Options();
        OptionArgs.forEach(args, (key, value) -> {
            switch (key) {
                case "--size" -> o.size = OptionArgs.atLeast(key, value, 32);
                case "--batch" -> o.batch = OptionArgs.atLeast(key, value, 1);
                case "--steps" -> o.steps = OptionArgs.atLeast(key, value, 1);
                case "--warmup" -> o.warmup = OptionArgs.atLeast(key, value, 0);
                case "--classes" -> o.classes = OptionArgs.atLeast(key, value, 1);
                case "--infer-batch" -> o.inferBatch = OptionArgs.atLeast(key, value, 1);
                case "--only" -> {
                    if (!value.equals("full") && !value.equals("frozen") && !value.equals("infer")) {
                        throw new BenchmarkUsageException("Option --only takes full, frozen or infer. Received: "
                                + value);
                    }
                    o.only = value;
                }
                default -> throw new BenchmarkUsageException("Unknown option " + key + " for W4. " + USAGE);
            }
        });
        return o;
    }


    /** @return the images' height and width, 150 by default */
    public int size() {
        return size;
    }

    /** @return the training batch, 16 by default */
    public int batch() {
        return batch;
    }

    /** @return the timed steps of each figure, 6 by default */
    public int steps() {
        return steps;
    }

    /** @return the untimed steps before them, 2 by default */
    public int warmup() {
        return warmup;
    }

    /** @return the classes of the new head, 12 by default */
    public int classes() {
        return classes;
    }

    /** @return the inference batch, 32 by default */
    public int inferBatch() {
        return inferBatch;
    }

    /**
     * Whether a figure is to be measured.
     *
     * @param figure {@code full}, {@code frozen} or {@code infer}
     * @return true when {@code --only} names it or is absent
     */
    public boolean runs(String figure) {
        return only == null || only.equals(figure);
    }
}
