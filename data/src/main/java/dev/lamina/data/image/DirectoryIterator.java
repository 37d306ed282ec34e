package dev.lamina.data.image;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of augmented images read from a folder with one sub-folder per class, made by
 * {@link ImageDataGenerator#flowFromDirectory} (Keras' {@code DirectoryIterator}).
 *
 * <p>The folder is listed once, when the iterator is made; images are read, converted to the
 * colour mode, resized to the target size, transformed and rescaled when their batch is asked for.
 * Each batch holds float32 images {@code (n, height, width, channels)} and, by class mode, one-hot
 * float32 labels, float32 class indices, float32 0/1, the images again, or nothing. A file that
 * cannot be decoded fails its batch with an {@link java.io.UncheckedIOException} naming the file.
 */
public final class DirectoryIterator extends AbstractImageIterator<DirectoryIterator> {


    private final ImageDataGenerator generator;
    private final Path directory;
    private final ImageFiles.Listing listing;
    private final Map<String, Integer> classIndices;
    private final int height;
    private final int width;
    private final int channels;
    private final String classMode;
    private final Resize.Filter filter;
    private final boolean keepAspectRatio;
    /** Each loading thread's pixel staging: a batch's and one image's floats. */
    private final ThreadLocal<float[][]> staging = ThreadLocal.withInitial(() -> new float[2][]);

    DirectoryIterator(Path directory, ImageDataGenerator generator, FlowOptions options) {
        super(options.batchSize());
        this.generator = generator;
        this.directory = directory;
        this.height = options.targetHeight();
        this.width = options.targetWidth();
        this.channels = switch (options.colorMode()) {
            case "grayscale" -> 1;
            case "rgba" -> 4;
            default -> 3;
        };
        this.classMode = options.classMode();
        this.filter = Resize.Filter.of(options.interpolation());
        this.keepAspectRatio = options.keepAspectRatio();
        if (options.subset() != null && generator.validationSplit() == 0) {
            throw new IllegalArgumentException("subset=\"" + options.subset() + "\" needs a validation split: set"
                    + " ImageDataGenerator.validationSplit(fraction). Received: validation_split=0");
        }
        this.listing = ImageFiles.list(directory, options.classes(), generator.validationSplit(), options.subset());
        this.classIndices = Collections.unmodifiableMap(ImageFiles.indices(listing.classNames()));
        if ("binary".equals(classMode) && classIndices.size() != 2) {
            throw new IllegalArgumentException("class_mode=\"binary\" needs exactly 2 classes. Received: "
                    + classIndices.size() + " classes " + listing.classNames() + " in " + directory);
        }
        shuffle(options.shuffle());
        if (options.seed() != null) {
            seed(options.seed());
        }
        // Keras prints this line (not a log record): users read it to check their folder tree.
        System.out.println("Found " + listing.paths().size() + " images belonging to " + classIndices.size()
                + " classes.");
    }

    /**
     * The class names and their labels, in label order (Keras' {@code class_indices}).
     *
     * @return an unmodifiable map, e.g. {@code {"apple": 0, "banana": 1}}
     */
    public Map<String, Integer> classIndices() {
        return classIndices;
    }

    /**
     * The number of images served (in the subset, when one is set).
     *
     * @return the count
     */
    public int samples() {
        return listing.paths().size();
    }

    /**
     * The images' paths relative to the folder, with '/' separators, in listing order (class by
     * class), e.g. {@code "apple/img01.png"}.
     *
     * @return an unmodifiable list
     */
    public List<String> filenames() {
        return Collections.unmodifiableList(listing.filenames());
    }

    /**
     * The images' full paths, in listing order.
     *
     * @return an unmodifiable list
     */
    public List<Path> filepaths() {
        return Collections.unmodifiableList(listing.paths());
    }

    /**
     * The label of each image, in listing order (Keras' {@code classes}).
     *
     * @return a copy of the class indices
     */
    public int[] classes() {
        return listing.labels().clone();
    }

    /**
     * The number of classes.
     *
     * @return the count
     */
    public int numClasses() {
        return classIndices.size();
    }

    /**
     * The folder read.
     *
     * @return the folder
     */
    public Path directory() {
        return directory;
    }

    /**
     * The shape of one image in a batch.
     *
     * @return {@code (height, width, channels)}
     */
    public long[] imageShape() {
        return new long[] {height, width, channels};
    }

    @Override
    int sampleCount() {
        return listing.paths().size();
    }

    @Override
    Batch load(int[] samples, int epoch) {
        int n = samples.length;
        int imageSize = height * width * channels;
        float[][] st = staging.get();
        if (st[0] == null || st[0].length < n * imageSize) {
            st[0] = new float[n * imageSize];
        }
        if (st[1] == null || st[1].length < imageSize) {
            st[1] = new float[imageSize];
        }
        float[] out = st[0];
        float[] scratch = st[1];
        boolean identity = generator.isIdentity();
        for (int i = 0; i < n; i++) {
            float[] target = identity ? out : scratch;
            loadImage(listing.paths().get(samples[i]), target, identity ? i * imageSize : 0);
            if (!identity) {
                generator.augmentInto(scratch, 0, out, i * imageSize, height, width, channels,
                        augmentSeed(epoch, samples[i]));
            }
            generator.standardizeInPlace(out, i * imageSize, height, width, channels);
        }
        INDArray x = spareImages(n);
        if (x == null) {
            x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, height, width, channels}, 'c');
        }
        ImageArrays.fill(out, n * imageSize, x);
        return new Batch(x, labels(samples, x));
    }

    /** A released image array for {@code n} images of this iterator's shape, if any. */
    private INDArray spareImages(int n) {
        Batch b = pollSpare(n);
        if (b == null) {
            return null;
        }
        INDArray x = b.x();
        boolean fits = !x.wasClosed() && x.dataType() == DataType.FLOAT && x.ordering() == 'c' && x.offset() == 0
                && Shape.hasDefaultStridesForShape(x)
                && Arrays.equals(x.shape(), new long[] {n, height, width, channels});
        return fits ? x : null;
    }

    /** Reads, converts and resizes one file into {@code dst} as floats. */
    private void loadImage(Path file, float[] dst, int off) {
        ImageDecoder.RawImage img = ImageDecoder.read(file, channels);
        int[] pixels = img.samples();
        if (img.width() != width || img.height() != height) {
            pixels = Resize.resize(pixels, img.width(), img.height(), channels, width, height,
                    box(img.width(), img.height()), filter, img.sixteenBit());
        }
        for (int i = 0; i < pixels.length; i++) {
            dst[off + i] = pixels[i];
        }
    }

    /** The source region: the whole image, or Keras' centred crop to the target's aspect ratio. */
    private int[] box(int w, int h) {
        if (!keepAspectRatio) {
            return new int[] {0, 0, w, h};
        }
        int cropHeight = Math.min(h, (int) ((long) w * height / width));
        int cropWidth = Math.min(w, (int) ((long) h * width / height));
        int top = (h - cropHeight) / 2;
        int left = (w - cropWidth) / 2;
        return new int[] {left, top, left + cropWidth, top + cropHeight};
    }

    private INDArray labels(int[] samples, INDArray x) {
        if (classMode == null) {
            return null;
        }
        int[] labels = listing.labels();
        switch (classMode) {
            case "input":
                return x.dup();
            case "categorical": {
                float[] y = new float[samples.length * classIndices.size()];
                for (int i = 0; i < samples.length; i++) {
                    y[i * classIndices.size() + labels[samples[i]]] = 1f;
                }
                return Nd4j.create(y, new long[] {samples.length, classIndices.size()}, 'c');
            }
            default: {
                float[] y = new float[samples.length];
                for (int i = 0; i < samples.length; i++) {
                    y[i] = labels[samples[i]];
                }
                return Nd4j.create(y, new long[] {samples.length}, 'c');
            }
        }
    }
}
