package dev.lamina.data.image;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of {@link ImageDataGenerator#flowFromDirectory}, with Keras' defaults: target size
 * 256x256, colour mode {@code "rgb"}, class mode {@code "categorical"}, batch size 32, shuffled, the
 * global seed, all samples, {@code "nearest"} interpolation, classes from the sub-folder names.
 *
 * <pre>{@code FlowOptions.targetSize(150, 150).batchSize(16).classMode("sparse").subset("training").seed(54321)}</pre>
 */
public final class FlowOptions {

    private static final Set<String> COLOR_MODES = Set.of("rgb", "rgba", "grayscale");
    private static final Set<String> CLASS_MODES = Set.of("categorical", "sparse", "binary", "input");
    private static final Set<String> INTERPOLATIONS = Set.of("nearest", "bilinear", "bicubic", "box", "hamming",
            "lanczos");

    private int targetHeight = 256;
    private int targetWidth = 256;
    private String colorMode = "rgb";
    private String classMode = "categorical";
    private int batchSize = 32;
    private boolean shuffle = true;
    private Long seed;
    private String subset;
    private String interpolation = "nearest";
    private boolean keepAspectRatio;
    private List<String> classes;

    private FlowOptions() {
    }

    /**
     * Keras' defaults.
     *
     * @return new options
     */
    public static FlowOptions defaults() {
        return new FlowOptions();
    }

    /**
     * Starts options with a target size.
     *
     * @param height the height every image is resized to
     * @param width the width every image is resized to
     * @return new options
     */
    public static FlowOptions targetSize(int height, int width) {
        return new FlowOptions().withTargetSize(height, width);
    }

    /**
     * Changes the target size.
     *
     * @param height a positive height
     * @param width a positive width
     * @return these options
     */
    public FlowOptions withTargetSize(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("target_size must be two positive integers (height, width). Received:"
                    + " target_size=(" + height + ", " + width + ")");
        }
        this.targetHeight = height;
        this.targetWidth = width;
        return this;
    }

    /**
     * The colour mode: {@code "rgb"} (3 channels, default), {@code "rgba"} (4) or
     * {@code "grayscale"} (1; 16-bit grayscale files keep their 16-bit values, as in Keras).
     *
     * @param mode the mode
     * @return these options
     */
    public FlowOptions colorMode(String mode) {
        this.colorMode = oneOf("color_mode", mode, COLOR_MODES);
        return this;
    }

    /**
     * The labels: {@code "categorical"} (one-hot float32, default), {@code "sparse"} (float32 class
     * indices), {@code "binary"} (float32 0/1, exactly two classes), {@code "input"} (the images
     * themselves, for autoencoders), or {@code null} / {@code "none"} for no labels.
     *
     * @param mode the mode
     * @return these options
     */
    public FlowOptions classMode(String mode) {
        this.classMode = mode == null || "none".equalsIgnoreCase(mode) ? null : oneOf("class_mode", mode, CLASS_MODES);
        return this;
    }

    /**
     * Images per batch (default 32).
     *
     * @param batchSize a positive size
     * @return these options
     */
    public FlowOptions batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive. Received: batch_size=" + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Shuffle the files anew each epoch (default true).
     *
     * @param shuffle whether to shuffle
     * @return these options
     */
    public FlowOptions shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * The seed of the shuffling and the augmentation (default: the global seed).
     *
     * @param seed any value
     * @return these options
     */
    public FlowOptions seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Serve one part of each class folder: {@code "validation"} is the first
     * {@code validationSplit} fraction of the folder's sorted files, {@code "training"} the rest.
     *
     * @param subset {@code "training"}, {@code "validation"}, or {@code null} for all files
     * @return these options
     */
    public FlowOptions subset(String subset) {
        this.subset = subset == null ? null : oneOf("subset", subset, Set.of("training", "validation"));
        return this;
    }

    /**
     * How images are resized to the target size (default {@code "nearest"}): {@code "nearest"},
     * {@code "bilinear"}, {@code "bicubic"}, {@code "box"}, {@code "hamming"} or {@code "lanczos"},
     * computed as Pillow computes them (antialiased when shrinking).
     *
     * @param interpolation the method
     * @return these options
     */
    public FlowOptions interpolation(String interpolation) {
        this.interpolation = oneOf("interpolation", interpolation, INTERPOLATIONS);
        return this;
    }

    /**
     * Crop each image to the target's aspect ratio (centred) before resizing, instead of
     * stretching it (default false).
     *
     * @param keep whether to keep the aspect ratio
     * @return these options
     */
    public FlowOptions keepAspectRatio(boolean keep) {
        this.keepAspectRatio = keep;
        return this;
    }

    /**
     * The class sub-folders to use, in label order (default: every sub-folder, sorted by name).
     *
     * @param classes folder names, or {@code null} for all
     * @return these options
     */
    public FlowOptions classes(List<String> classes) {
        if (classes != null) {
            if (classes.isEmpty() || classes.stream().anyMatch(c -> c == null || c.isEmpty())) {
                throw new IllegalArgumentException("classes must name at least one sub-folder, none empty. Received:"
                        + " classes=" + classes);
            }
            if (classes.stream().distinct().count() != classes.size()) {
                throw new IllegalArgumentException("classes must not repeat a name. Received: classes=" + classes);
            }
        }
        this.classes = classes == null ? null : List.copyOf(classes);
        return this;
    }

    /**
     * The class sub-folders to use, in label order.
     *
     * @param classes folder names
     * @return these options
     */
    public FlowOptions classes(String... classes) {
        return classes(List.of(classes));
    }

    /** @return the target height */
    public int targetHeight() {
        return targetHeight;
    }

    /** @return the target width */
    public int targetWidth() {
        return targetWidth;
    }

    /** @return the colour mode */
    public String colorMode() {
        return colorMode;
    }

    /** @return the class mode, or {@code null} for no labels */
    public String classMode() {
        return classMode;
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return whether to shuffle */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the seed, or {@code null} for the global seed */
    public Long seed() {
        return seed;
    }

    /** @return the subset, or {@code null} for all files */
    public String subset() {
        return subset;
    }

    /** @return the interpolation */
    public String interpolation() {
        return interpolation;
    }

    /** @return whether the aspect ratio is kept */
    public boolean keepAspectRatio() {
        return keepAspectRatio;
    }

    /** @return the class folders, or {@code null} for all */
    public List<String> classes() {
        return classes;
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        String v = value == null ? null : value.toLowerCase(Locale.ROOT);
        if (v == null || !allowed.contains(v)) {
            throw new IllegalArgumentException("Invalid " + name + ": expected one of " + allowed.stream().sorted().toList()
                    + ". Received: " + name + "=" + value);
        }
        return v;
    }
}
