package dev.lamina.benchmarks;

import dev.lamina.applications.ApplicationOptions;
import dev.lamina.applications.ResNet50;
import dev.lamina.backend.Backend;
import dev.lamina.core.Lamina;
import dev.lamina.layers.Dense;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Workload W4: Keras' ResNet50 ({@link ResNet50}, random Glorot-uniform weights) on random images,
 * timed as its PyTorch peer {@code ../shared/peers/pytorch/resnet50.py} times it, with the peer's
 * options ({@link ResNet50Options}) and its {@code RESULT W4 …} lines, field for field:
 *
 * <pre>
 * RESULT W4 params with_top 25636712
 * RESULT W4 params no_top 23587712 non_trainable 53120
 * RESULT W4 full size 150 batch 16 step_s 1.234 min 1.200 images_per_s 13.0
 * RESULT W4 frozen size 150 batch 16 step_s … min … images_per_s …
 * RESULT W4 infer size 150 batch 32 step_s … min … images_per_s …
 * </pre>
 *
 * <ul>
 *   <li>full: ResNet50 without the top, {@code pooling="avg"}, then Dense(classes, softmax); every
 *       layer trainable (batch normalization in training mode); one {@code trainOnBatch} (forward,
 *       backward, Adam 1e-3) per step, sparse categorical cross-entropy on random labels;</li>
 *   <li>frozen: the transfer-learning model of Keras' notebook: the backbone without the top,
 *       {@code setTrainable(false)} (batch normalization in inference mode, no gradients), then
 *       GlobalAveragePooling2D and Dense(classes, softmax), Adam 0.01;</li>
 *   <li>infer: the backbone with {@code pooling="avg"}, {@code predict} on one batch of
 *       {@code --infer-batch} images a step.</li>
 * </ul>
 *
 * <p>Each figure runs {@code --warmup} untimed steps and then {@code --steps} timed ones on the
 * same batch; {@code step_s} is their median (the mean of the middle two for an even count, as
 * Python's {@code statistics.median}), {@code min} the fastest, {@code images_per_s} the batch over
 * the median. The images are uniform in [0, 1), channels last. After the figures a line gives the
 * process' peak resident set size (the peer prints none).
 */
public final class ResNet50Benchmark {

    /** The workload's name for {@code training --workload}. */
    public static final String WORKLOAD = "W4";

    private ResNet50Benchmark() {
    }

    /**
     * Runs the benchmark from the command line.
     *
     * @param args the options of {@link ResNet50Options}
     * @throws BenchmarkUsageException for a bad option
     */
    public static void main(String[] args) throws BenchmarkUsageException {
        run(args);
    }

    /**
     * Runs the benchmark, printing the {@code RESULT W4} lines, and returns instead of exiting.
     *
     * @param args the options of {@link ResNet50Options}
     * @throws BenchmarkUsageException for a bad option
     */
    public static void run(String... args) throws BenchmarkUsageException {
        ResNet50Options o = ResNet50Options.parse(args);
        System.out.println(Backend.describe());
        Lamina.setSeed(0);

        printParams(o);

        INDArray x = Nd4j.rand(DataType.FLOAT, o.batch(), o.size(), o.size(), 3);
        INDArray y = labels(o.batch(), o.classes());

        if (o.runs("full")) {
            Sequential net = new Sequential(backbone(o, "avg"), new Dense(o.classes()).activation("softmax"));
            net.compile(new Adam(1e-3), "sparse_categorical_crossentropy");
            print("full", o, o.batch(), timed(() -> net.trainOnBatch(x, y), o));
        }
        if (o.runs("frozen")) {
            Model backbone = backbone(o, null);
            backbone.setTrainable(false);
            Sequential net = new Sequential(backbone, new GlobalAveragePooling2D(),
                    new Dense(o.classes()).activation("softmax"));
            net.compile(new Adam(0.01), "sparse_categorical_crossentropy");
            print("frozen", o, o.batch(), timed(() -> net.trainOnBatch(x, y), o));
        }
        if (o.runs("infer")) {
            Model backbone = backbone(o, "avg");
            INDArray xi = Nd4j.rand(DataType.FLOAT, o.inferBatch(), o.size(), o.size(), 3);
            print("infer", o, o.inferBatch(), timed(() -> backbone.predict(xi, o.inferBatch()), o));
        }
        System.out.printf(Locale.ROOT, "peak RSS %d MB%n", ProcessMemory.peakRssMb());
    }

    /**
     * The options after {@code --workload W4} when a training benchmark's command line names W4.
     *
     * @param trainingArgs the training benchmark's arguments, names each followed by a value
     * @return the arguments less {@code --workload W4}, or {@code null} when the workload is not W4
     */
    static String[] optionsIfW4(String... trainingArgs) {
        for (int i = 0; i + 1 < trainingArgs.length; i += 2) {
            if (trainingArgs[i].equals("--workload") && trainingArgs[i + 1].equals(WORKLOAD)) {
                List<String> rest = new ArrayList<>(Arrays.asList(trainingArgs));
                rest.subList(i, i + 2).clear();
                return rest.toArray(new String[0]);
            }
        }
        return null;
    }

    /** The peer's parameter counts: with the top (1000 classes), and without it with its non-trainable share. */
    private static void printParams(ResNet50Options o) {
        // Closed at once: left to the garbage collector, their 190 MB of weights counted in the
        // process' peak beside the measured networks'.
        try (Model withTop = ResNet50.create(ApplicationOptions.defaults().weights((String) null))) {
            System.out.printf(Locale.ROOT, "RESULT W4 params with_top %d%n", withTop.countParams());
        }
        try (Model noTop = backbone(o, null)) {
            long nonTrainable = noTop.nonTrainableWeights().stream().mapToLong(w -> w.value().length()).sum();
            System.out.printf(Locale.ROOT, "RESULT W4 params no_top %d non_trainable %d%n", noTop.countParams(),
                    nonTrainable);
        }
    }

    /** ResNet50 without the top on {@code size x size x 3}, random weights, with the given pooling. */
    private static Model backbone(ResNet50Options o, String pooling) {
        return ResNet50.create(ApplicationOptions.defaults().weights((String) null).includeTop(false)
                .inputShape(o.size(), o.size(), 3).pooling(pooling));
    }

    /** Random integer labels in [0, classes), as the peer's {@code torch.randint}. */
    private static INDArray labels(int n, int classes) {
        Random random = new Random(0);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(classes);
        }
        return Nd4j.createFromArray(y);
    }

    /** The step's seconds, {@code warmup} untimed runs first. */
    private static double[] timed(Runnable step, ResNet50Options o) {
        for (int i = 0; i < o.warmup(); i++) {
            step.run();
        }
        double[] seconds = new double[o.steps()];
        for (int i = 0; i < seconds.length; i++) {
            long t = System.nanoTime();
            step.run();
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        return seconds;
    }

    /** The peer's line: {@code RESULT W4 <figure> size S batch B step_s MED min MIN images_per_s IPS}. */
    private static void print(String figure, ResNet50Options o, int batch, double[] seconds) {
        TimingStats t = TimingStats.of(seconds);
        System.out.printf(Locale.ROOT, "RESULT W4 %s size %d batch %d step_s %.3f min %.3f images_per_s %.1f%n",
                figure, o.size(), batch, t.median, t.min, batch / t.median);
    }
}
