package dev.lamina.benchmarks;

import dev.lamina.core.BatchSource;
import dev.lamina.core.Lamina;
import dev.lamina.data.image.DirectoryIterator;
import dev.lamina.data.image.FlowOptions;
import dev.lamina.data.image.ImageDataGenerator;
import dev.lamina.data.image.NumpyArrayIterator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of {@link ImageDataGenerator} in images per second, single-threaded (one batch at a
 * time, as {@code fit} asks for them; a prefetching source overlaps this with training).
 *
 * <ul>
 *   <li><b>32x32</b>: {@code flow} over uint8 CIFAR-sized images {@code (n, 32, 32, 3)}, batches of
 *       128, with every transformation on: rotation 15°, width and height shifts 0.2, shear 10°,
 *       zoom 0.2, horizontal and vertical flips, brightness 0.8–1.2, and rescale 1/255;
 *   <li><b>dir 150</b>: {@code flowFromDirectory} over a temporary folder of JPEGs (2 classes, 224x224,
 *       written first), resized to 150x150 ("nearest"), batches of 32, with the image-folder notebook's pipeline
 *       (rescale 1/255, horizontal flip): decoding, resizing and augmenting together.
 * </ul>
 *
 * <p>Each round runs one whole epoch of each; the report gives the median, min and max over the
 * rounds after one untimed warm-up epoch. Run from the repository root after
 * {@code mvn -B -q -o -DskipTests package}:
 *
 * <pre>
 * java -jar benchmarks/target/lamina-benchmarks.jar augmentation --rounds 5
 * </pre>
 *
 * <p>Arguments: {@code --rounds R} (default 5), {@code --images N} for the 32x32 part (default
 * 4096), {@code --files F} JPEGs for the folder part (default 200), {@code --seed S} (default 42).
 * The last line is machine-readable:
 * {@code bench augmentation images_per_s_32x32=… images_per_s_dir_150=…}.
 */
public final class AugmentationBenchmark {

    private AugmentationBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --rounds R --images N --files F --seed S}, all optional
     * @throws IOException when the temporary folder cannot be written
     */
    public static void main(String[] args) throws IOException {
        int rounds = intArg(args, "--rounds", 5);
        int images = intArg(args, "--images", 4096);
        int files = intArg(args, "--files", 200);
        long seed = intArg(args, "--seed", 42);
        System.out.println("== Lamina benchmark: ImageDataGenerator throughput ==");
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "jvm: %s %s, availableProcessors=%d, maxHeap=%d MiB%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), rt.availableProcessors(),
                rt.maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "config: rounds=%d images=%d files=%d seed=%d%n", rounds, images, files, seed);

        ImageDataGenerator full = new ImageDataGenerator().rotationRange(15).widthShiftRange(0.2).heightShiftRange(0.2)
                .shearRange(10).zoomRange(0.2).horizontalFlip(true).verticalFlip(true).brightnessRange(0.8, 1.2)
                .rescale(1 / 255.0);
        INDArray x = randomImages(images, seed);
        INDArray y = Nd4j.zeros(DataType.FLOAT, images, 1);
        NumpyArrayIterator flow = full.flow(x, y, 128).seed(seed);
        double[] small = measure(flow, rounds);
        report("32x32x3 flow, batch 128, all transforms", small);

        Path dir = Files.createTempDirectory("lamina-augbench");
        try {
            writeJpegs(dir, files, seed);
            ImageDataGenerator light = new ImageDataGenerator().rescale(1 / 255.0).horizontalFlip(true);
            DirectoryIterator fromDir = light.flowFromDirectory(dir,
                    FlowOptions.targetSize(150, 150).batchSize(32).classMode("sparse").seed(seed));
            double[] big = measure(fromDir, rounds);
            report("flowFromDirectory 224x224 JPEG -> 150x150, batch 32, rescale + horizontal flip", big);
            System.out.printf(Locale.ROOT, "bench augmentation images_per_s_32x32=%.0f images_per_s_dir_150=%.0f%n",
                    median(small), median(big));
        } finally {
            deleteTree(dir);
        }
    }

    /** One warm-up epoch, then {@code rounds} timed epochs; returns images per second per round. */
    private static double[] measure(BatchSource source, int rounds) {
        runEpoch(source, 0);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long n = runEpoch(source, r + 1);
            rates[r] = n / ((System.nanoTime() - t0) / 1e9);
        }
        return rates;
    }

    private static long runEpoch(BatchSource source, int epoch) {
        source.onEpochBegin(epoch);
        long n = 0;
        for (int i = 0; i < source.numBatches(); i++) {
            n += source.batch(i).size();
        }
        source.onEpochEnd(epoch);
        return n;
    }

    private static void report(String what, double[] rates) {
        double[] s = rates.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: median %.0f images/s (min %.0f, max %.0f, %d rounds)%n", what, median(rates),
                s[0], s[s.length - 1], s.length);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** uint8 images with smooth structure plus noise, like natural images rather than constant ones. */
    private static INDArray randomImages(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n * 32 * 32 * 3];
        for (int i = 0; i < v.length; i++) {
            int pixel = i / 3 % 1024;
            v[i] = (pixel / 32 * 4 + pixel % 32 * 3 + rng.nextInt(64)) & 0xFF;
        }
        return Nd4j.create(v, new long[] {n, 32, 32, 3}, 'c').castTo(DataType.UINT8);
    }

    private static void writeJpegs(Path dir, int count, long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            Path cls = dir.resolve(i % 2 == 0 ? "class_a" : "class_b");
            Files.createDirectories(cls);
            BufferedImage img = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
            int phase = rng.nextInt(256);
            for (int yy = 0; yy < 224; yy++) {
                for (int xx = 0; xx < 224; xx++) {
                    int r = (xx + phase + rng.nextInt(32)) & 0xFF;
                    int g = (yy * 2 + rng.nextInt(32)) & 0xFF;
                    int b = (xx + yy + phase) & 0xFF;
                    img.setRGB(xx, yy, (r << 16) | (g << 8) | b);
                }
            }
            ImageIO.write(img, "jpg", cls.resolve(String.format(Locale.ROOT, "img_%04d.jpg", i)).toFile());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    System.err.println("bad value for " + name + ": " + args[i + 1]);
                    System.exit(2);
                }
            }
        }
        return dflt;
    }
}
