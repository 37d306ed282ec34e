package dev.lamina.data.image;

import dev.lamina.core.Lamina;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code ImageDataGenerator}: random rotations, shifts, shears, zooms, flips, channel shifts
 * and brightness changes of channels-last images, and batch sources that apply them to arrays
 * ({@link #flow}) or to folders of image files ({@link #flowFromDirectory}).
 *
 * <pre>{@code
 * ImageDataGenerator datagen = new ImageDataGenerator()
 *     .rotationRange(15).widthShiftRange(0.2).heightShiftRange(0.2).horizontalFlip(true).zoomRange(0.2);
 * model.fit(datagen.flow(xTrain, yTrain, 128), FitOptions.epochs(50));
 * }</pre>
 *
 * <p>Options, defaults and geometry are Keras' (see {@link TransformParams} for the exact mapping);
 * every option is checked when set. Randomness follows Lamina's rule: each image's transformation
 * is drawn from a seed derived from (seed, epoch, sample index), so a batch is a pure function of
 * the epoch and its index. Differences from Keras, all deliberate:
 *
 * <ul>
 *   <li>{@code widthShiftRange} shifts along the width (columns) and {@code heightShiftRange} along
 *       the height, as Keras documents; Keras' own code swaps them (keras-team/keras#17398), which
 *       only shows when the two ranges differ or the image is not square;
 *   <li>on non-square images the rotation, shear and zoom pivot on the true centre (Keras pivots
 *       x on {@code (height - 1) / 2});
 *   <li>draws come from Java's {@code SplittableRandom}, not numpy's global generator, so the
 *       numbers differ from a Keras run with the same seed while their distributions agree.
 * </ul>
 *
 * <p>Left out: {@code featurewise_*}, {@code samplewise_*} and ZCA whitening (they need
 * {@code fit}), {@code channels_first}, and saving augmented images to a folder.
 *
 * <p>{@link #flow} and {@link #flowFromDirectory} take a snapshot of the options: changing the
 * generator afterwards does not change iterators already made.
 */
public final class ImageDataGenerator {

    private double rotationRange;
    private ShiftRange widthShift = ShiftRange.NONE;
    private ShiftRange heightShift = ShiftRange.NONE;
    private double shearRange;
    private double zoomLow = 1;
    private double zoomHigh = 1;
    private double channelShiftRange;
    private double[] brightnessRange;
    private FillMode fillMode = FillMode.NEAREST;
    private double cval;
    private boolean horizontalFlip;
    private boolean verticalFlip;
    private Double rescale;
    private UnaryOperator<INDArray> preprocessingFunction;
    private double validationSplit;
    private int interpolationOrder = 1;
    /** Each thread's transformation and working memory for {@link #augmentInto}. */
    private final ThreadLocal<Augmentation> scratch = ThreadLocal.withInitial(Augmentation::new);

    /** A generator that changes nothing until options are set (Keras' defaults). */
    public ImageDataGenerator() {
    }

    private ImageDataGenerator(ImageDataGenerator o) {
        rotationRange = o.rotationRange;
        widthShift = o.widthShift;
        heightShift = o.heightShift;
        shearRange = o.shearRange;
        zoomLow = o.zoomLow;
        zoomHigh = o.zoomHigh;
        channelShiftRange = o.channelShiftRange;
        brightnessRange = o.brightnessRange;
        fillMode = o.fillMode;
        cval = o.cval;
        horizontalFlip = o.horizontalFlip;
        verticalFlip = o.verticalFlip;
        rescale = o.rescale;
        preprocessingFunction = o.preprocessingFunction;
        validationSplit = o.validationSplit;
        interpolationOrder = o.interpolationOrder;
    }

    /**
     * Random rotations in {@code [-degrees, degrees)} (default 0).
     *
     * @param degrees a non-negative angle
     * @return this generator
     */
    public ImageDataGenerator rotationRange(double degrees) {
        this.rotationRange = nonNegative("rotation_range", degrees);
        return this;
    }

    /**
     * Random horizontal shifts, uniform in {@code [-range, range)}: a fraction of the width when
     * below 1, pixels from 1 (default 0).
     *
     * @param range a non-negative fraction or number of pixels
     * @return this generator
     */
    public ImageDataGenerator widthShiftRange(double range) {
        this.widthShift = ShiftRange.ofDouble("width_shift_range", range);
        return this;
    }

    /**
     * Random horizontal shifts by a whole number of pixels, from {@code -(pixels - 1)} to
     * {@code pixels - 1} (Keras' meaning of an integer range: {@code 2} gives -1, 0 or +1).
     *
     * @param pixels a non-negative count
     * @return this generator
     */
    public ImageDataGenerator widthShiftRange(int pixels) {
        this.widthShift = ShiftRange.ofInt("width_shift_range", pixels);
        return this;
    }

    /**
     * Random horizontal shifts chosen from the given values with a random sign: fractions of the
     * width when all are below 1, pixels otherwise (Keras' meaning of a list).
     *
     * @param choices the values
     * @return this generator
     */
    public ImageDataGenerator widthShiftRange(double[] choices) {
        this.widthShift = ShiftRange.ofChoices("width_shift_range", choices);
        return this;
    }

    /**
     * Random vertical shifts, uniform in {@code [-range, range)}: a fraction of the height when
     * below 1, pixels from 1 (default 0).
     *
     * @param range a non-negative fraction or number of pixels
     * @return this generator
     */
    public ImageDataGenerator heightShiftRange(double range) {
        this.heightShift = ShiftRange.ofDouble("height_shift_range", range);
        return this;
    }

    /**
     * Random vertical shifts by a whole number of pixels, from {@code -(pixels - 1)} to
     * {@code pixels - 1}.
     *
     * @param pixels a non-negative count
     * @return this generator
     */
    public ImageDataGenerator heightShiftRange(int pixels) {
        this.heightShift = ShiftRange.ofInt("height_shift_range", pixels);
        return this;
    }

    /**
     * Random vertical shifts chosen from the given values with a random sign.
     *
     * @param choices fractions of the height when all are below 1, pixels otherwise
     * @return this generator
     */
    public ImageDataGenerator heightShiftRange(double[] choices) {
        this.heightShift = ShiftRange.ofChoices("height_shift_range", choices);
        return this;
    }

    /**
     * Random shears in {@code [-degrees, degrees)}, counter-clockwise, in degrees (default 0).
     *
     * @param degrees a non-negative angle
     * @return this generator
     */
    public ImageDataGenerator shearRange(double degrees) {
        this.shearRange = nonNegative("shear_range", degrees);
        return this;
    }

    /**
     * Random zooms in {@code [1 - range, 1 + range)}, drawn independently for width and height
     * (default 0: no zoom).
     *
     * @param range a non-negative amount
     * @return this generator
     */
    public ImageDataGenerator zoomRange(double range) {
        nonNegative("zoom_range", range);
        return zoomRange(1 - range, 1 + range);
    }

    /**
     * Random zooms in {@code [low, high)}, drawn independently for width and height. Values below 1
     * enlarge the picture.
     *
     * @param low the smallest zoom, non-negative
     * @param high the largest zoom, at least {@code low}
     * @return this generator
     */
    public ImageDataGenerator zoomRange(double low, double high) {
        if (!(low >= 0) || !(high >= low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("zoom_range should be a float or a pair of floats [low, high]"
                    + " with 0 <= low <= high. Received: zoom_range=[" + low + ", " + high + "]");
        }
        this.zoomLow = low;
        this.zoomHigh = high;
        return this;
    }

    /**
     * Random shifts of every channel's values in {@code [-range, range)}, clipped to the image's
     * range (default 0).
     *
     * @param range a non-negative amount, in pixel units
     * @return this generator
     */
    public ImageDataGenerator channelShiftRange(double range) {
        this.channelShiftRange = nonNegative("channel_shift_range", range);
        return this;
    }

    /**
     * Random brightness factors in {@code [low, high)}, applied as Pillow's
     * {@code ImageEnhance.Brightness} (0 black, 1 unchanged; the result is whole numbers).
     *
     * @param low the smallest factor, non-negative
     * @param high the largest factor, at least {@code low}
     * @return this generator
     */
    public ImageDataGenerator brightnessRange(double low, double high) {
        if (!(low >= 0) || !(high >= low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("brightness_range should be a pair of floats [low, high] with"
                    + " 0 <= low <= high. Received: brightness_range=[" + low + ", " + high + "]");
        }
        this.brightnessRange = new double[] {low, high};
        return this;
    }

    /**
     * How points from outside the image are filled (default {@code "nearest"}).
     *
     * @param mode {@code "nearest"}, {@code "constant"}, {@code "reflect"} or {@code "wrap"}
     * @return this generator
     */
    public ImageDataGenerator fillMode(String mode) {
        this.fillMode = FillMode.of(mode);
        return this;
    }

    /**
     * How points from outside the image are filled (default {@link FillMode#NEAREST}).
     *
     * @param mode the mode
     * @return this generator
     */
    public ImageDataGenerator fillMode(FillMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("fill_mode must not be null. Received: fill_mode=null");
        }
        this.fillMode = mode;
        return this;
    }

    /**
     * The value of points from outside the image with {@code fillMode("constant")} (default 0).
     *
     * @param value any finite value
     * @return this generator
     */
    public ImageDataGenerator cval(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("cval must be finite. Received: cval=" + value);
        }
        this.cval = value;
        return this;
    }

    /**
     * Mirror half of the images left to right, at random (default off).
     *
     * @param flip whether to flip
     * @return this generator
     */
    public ImageDataGenerator horizontalFlip(boolean flip) {
        this.horizontalFlip = flip;
        return this;
    }

    /**
     * Mirror half of the images top to bottom, at random (default off).
     *
     * @param flip whether to flip
     * @return this generator
     */
    public ImageDataGenerator verticalFlip(boolean flip) {
        this.verticalFlip = flip;
        return this;
    }

    /**
     * Multiply every value by this factor after the other transformations, e.g. {@code 1 / 255.0}
     * (default none; as in Keras, 0 also means none).
     *
     * @param factor the factor
     * @return this generator
     */
    public ImageDataGenerator rescale(double factor) {
        return rescale(Double.valueOf(factor));
    }

    /**
     * Multiply every value by this factor after the other transformations, or not at all for
     * {@code null}.
     *
     * @param factor the factor, or {@code null} for none
     * @return this generator
     */
    public ImageDataGenerator rescale(Double factor) {
        if (factor != null && !Double.isFinite(factor)) {
            throw new IllegalArgumentException("rescale must be finite. Received: rescale=" + factor);
        }
        this.rescale = factor;
        return this;
    }

    /**
     * A function applied to each image (rank 3, float32) after the random transformation and
     * before {@link #rescale}, as Keras' {@code preprocessing_function}; it must keep the shape and
     * be safe to call from a prefetching thread.
     *
     * @param function the function, or {@code null} for none
     * @return this generator
     */
    public ImageDataGenerator preprocessingFunction(UnaryOperator<INDArray> function) {
        this.preprocessingFunction = function;
        return this;
    }

    /**
     * Only {@code "channels_last"} (images {@code (height, width, channels)}) exists in Lamina;
     * accepted for the sake of ported code.
     *
     * @param format {@code "channels_last"}
     * @return this generator
     */
    public ImageDataGenerator dataFormat(String format) {
        if (!"channels_last".equals(format)) {
            throw new IllegalArgumentException("Lamina is channels-last only: data_format must be \"channels_last\"."
                    + " Received: data_format=" + format);
        }
        return this;
    }

    /**
     * The fraction of the data held out for {@code subset("validation")} (default 0: none). The
     * validation subset is the first fraction of the arrays (of each class folder's sorted files for
     * {@link #flowFromDirectory}), the training subset the rest.
     *
     * @param fraction 0, or strictly between 0 and 1
     * @return this generator
     */
    public ImageDataGenerator validationSplit(double fraction) {
        if (fraction != 0 && !(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("`validation_split` must be strictly between 0 and 1. Received: "
                    + fraction);
        }
        this.validationSplit = fraction;
        return this;
    }

    /**
     * The interpolation of the warp: 1 bilinear (Keras' default), 0 nearest neighbour.
     *
     * @param order 0 or 1
     * @return this generator
     */
    public ImageDataGenerator interpolationOrder(int order) {
        if (order != 0 && order != 1) {
            throw new IllegalArgumentException("interpolation_order must be 0 (nearest) or 1 (bilinear); higher"
                    + " spline orders are not supported. Received: interpolation_order=" + order);
        }
        this.interpolationOrder = order;
        return this;
    }

    /**
     * The held-out fraction set by {@link #validationSplit(double)}.
     *
     * @return the fraction, 0 when none
     */
    public double validationSplit() {
        return validationSplit;
    }

    /**
     * The fill mode.
     *
     * @return the mode
     */
    public FillMode fillMode() {
        return fillMode;
    }

    /**
     * Draws the parameters of one random transformation, as Keras' {@code get_random_transform}.
     *
     * @param imgShape the image's shape {@code (height, width, channels)}
     * @param seed the seed of this draw; equal seeds give equal parameters
     * @return the parameters
     */
    public TransformParams getRandomTransform(long[] imgShape, long seed) {
        if (imgShape == null || imgShape.length != 3 || imgShape[0] <= 0 || imgShape[1] <= 0 || imgShape[2] <= 0) {
            throw new IllegalArgumentException("img_shape must be (height, width, channels) with positive sizes."
                    + " Received: img_shape=" + Arrays.toString(imgShape));
        }
        Augmentation t = new Augmentation();
        draw(t, (int) imgShape[0], (int) imgShape[1], seed);
        return t.toParams();
    }

    /** Keras' {@code get_random_transform} into {@code t}, its draws from {@code new SplittableRandom(seed)}. */
    private void draw(Augmentation t, int height, int width, long seed) {
        SeededDraws rng = t.draws.reseed(seed);
        t.theta = rotationRange != 0 ? uniform(rng, -rotationRange, rotationRange) : 0;
        t.tx = widthShift.draw(rng, width);
        t.ty = heightShift.draw(rng, height);
        t.shear = shearRange != 0 ? uniform(rng, -shearRange, shearRange) : 0;
        t.zx = 1;
        t.zy = 1;
        if (zoomLow != 1 || zoomHigh != 1) {
            t.zx = uniform(rng, zoomLow, zoomHigh);
            t.zy = uniform(rng, zoomLow, zoomHigh);
        }
        t.flipHorizontal = horizontalFlip && rng.nextDouble() < 0.5;
        t.flipVertical = verticalFlip && rng.nextDouble() < 0.5;
        t.hasChannelShift = channelShiftRange != 0;
        t.channelShift = t.hasChannelShift ? uniform(rng, -channelShiftRange, channelShiftRange) : 0;
        t.hasBrightness = brightnessRange != null;
        t.brightness = t.hasBrightness ? uniform(rng, brightnessRange[0], brightnessRange[1]) : 0;
    }

    /**
     * Applies a transformation to one image, as Keras' {@code apply_transform}: warp (with this
     * generator's fill mode, {@code cval} and interpolation order), channel shift, flips,
     * brightness. Rescaling is not part of it ({@link #standardize} does that).
     *
     * @param image one image {@code (height, width, channels)}, any numeric type
     * @param params the transformation
     * @return a new float32 image of the same shape
     */
    public INDArray applyTransform(INDArray image, TransformParams params) {
        long[] shape = imageShape(image);
        float[] src = ImageArrays.floats(image);
        float[] dst = new float[src.length];
        transformInto(src, 0, dst, 0, (int) shape[0], (int) shape[1], (int) shape[2], params);
        return ImageArrays.toNd4j(dst, shape);
    }

    /**
     * Draws and applies a random transformation, as Keras' {@code random_transform}.
     *
     * @param image one image {@code (height, width, channels)}
     * @param seed the seed of the draw
     * @return a new float32 image of the same shape
     */
    public INDArray randomTransform(INDArray image, long seed) {
        return applyTransform(image, getRandomTransform(imageShape(image), seed));
    }

    /**
     * Applies the preprocessing function and the rescale factor to one image, as Keras'
     * {@code standardize}.
     *
     * @param image one image {@code (height, width, channels)}
     * @return a new float32 image of the same shape
     */
    public INDArray standardize(INDArray image) {
        long[] shape = imageShape(image);
        float[] a = ImageArrays.floats(image);
        standardizeInPlace(a, 0, (int) shape[0], (int) shape[1], (int) shape[2]);
        return ImageArrays.toNd4j(a, shape);
    }

    /**
     * Batches of augmented images from arrays, reshuffled each epoch (Keras' {@code flow}).
     *
     * @param x images {@code (samples, height, width, channels)}, any numeric type (uint8 is kept
     *     as it is and converted batch by batch)
     * @param y targets with as many samples, or {@code null}
     * @param batchSize samples per batch
     * @return the iterator; set {@code shuffle}, {@code seed}, {@code subset} on it
     */
    public NumpyArrayIterator flow(INDArray x, INDArray y, int batchSize) {
        return new NumpyArrayIterator(x, y, new ImageDataGenerator(this), batchSize);
    }

    /**
     * Batches of 32 augmented images from arrays.
     *
     * @param x images {@code (samples, height, width, channels)}
     * @param y targets with as many samples, or {@code null}
     * @return the iterator
     */
    public NumpyArrayIterator flow(INDArray x, INDArray y) {
        return flow(x, y, 32);
    }

    /**
     * Batches of augmented images read from a folder with one sub-folder per class (Keras'
     * {@code flow_from_directory}).
     *
     * @param directory the folder
     * @param options target size, colour mode, class mode, batch size, shuffle, seed, subset,
     *     interpolation, classes
     * @return the iterator
     */
    public DirectoryIterator flowFromDirectory(Path directory, FlowOptions options) {
        return new DirectoryIterator(directory, new ImageDataGenerator(this), options);
    }

    /**
     * Batches of augmented images read from a folder with Keras' defaults (256x256 RGB, categorical
     * labels, 32 per batch, shuffled).
     *
     * @param directory the folder
     * @return the iterator
     */
    public DirectoryIterator flowFromDirectory(Path directory) {
        return flowFromDirectory(directory, FlowOptions.defaults());
    }

    /** Transforms one image from {@code src} into {@code dst}; the arrays may not overlap. */
    void transformInto(float[] src, int srcOff, float[] dst, int dstOff, int h, int w, int c, TransformParams p) {
        transformInto(src, srcOff, dst, dstOff, h, w, c, new Augmentation().set(p));
    }

    /**
     * Draws one image's random transformation from {@code seed} (as {@link #getRandomTransform})
     * and applies it from {@code src} into {@code dst}, with working memory kept by the calling
     * thread: no Java objects per image. The arrays may not overlap.
     */
    void augmentInto(float[] src, int srcOff, float[] dst, int dstOff, int h, int w, int c, long seed) {
        Augmentation t = scratch.get();
        draw(t, h, w, seed);
        transformInto(src, srcOff, dst, dstOff, h, w, c, t);
    }

    private void transformInto(float[] src, int srcOff, float[] dst, int dstOff, int h, int w, int c,
            Augmentation t) {
        int len = h * w * c;
        if (AffineWarp.samplingMatrix(t, h, w, t.warp)) {
            AffineWarp.warp(src, srcOff, dst, dstOff, h, w, c, fillMode, cval, interpolationOrder, t.warp);
        } else {
            System.arraycopy(src, srcOff, dst, dstOff, len);
        }
        if (t.hasChannelShift) {
            PixelOps.channelShift(dst, dstOff, len, t.channelShift);
        }
        if (t.flipHorizontal) {
            PixelOps.flipHorizontal(dst, dstOff, h, w, c);
        }
        if (t.flipVertical) {
            PixelOps.flipVertical(dst, dstOff, h, w, c);
        }
        if (t.hasBrightness) {
            PixelOps.brightness(dst, dstOff, len, c, t.brightness, t.brightened, t.unbrightened);
        }
    }

    /** Keras' {@code standardize} on one image in place: preprocessing function, then rescale. */
    void standardizeInPlace(float[] a, int off, int h, int w, int c) {
        int len = h * w * c;
        if (preprocessingFunction != null) {
            float[] one = Arrays.copyOfRange(a, off, off + len);
            INDArray out = preprocessingFunction.apply(ImageArrays.toNd4j(one, new long[] {h, w, c}));
            if (out == null || !Arrays.equals(out.shape(), new long[] {h, w, c})) {
                throw new IllegalStateException("preprocessing_function must return an image of the same shape "
                        + Arrays.toString(new long[] {h, w, c}) + ". Received: "
                        + (out == null ? "null" : Arrays.toString(out.shape())));
            }
            System.arraycopy(ImageArrays.floats(out), 0, a, off, len);
        }
        if (rescale != null && rescale != 0) {
            // numpy multiplies a float32 array by a Python float in float32.
            float factor = rescale.floatValue();
            for (int i = off; i < off + len; i++) {
                a[i] *= factor;
            }
        }
    }

    /** Whether every image goes through {@link #transformInto} unchanged (lets iterators skip it). */
    boolean isIdentity() {
        return rotationRange == 0 && !widthShift.isSet() && !heightShift.isSet() && shearRange == 0
                && zoomLow == 1 && zoomHigh == 1 && channelShiftRange == 0 && brightnessRange == null
                && !horizontalFlip && !verticalFlip;
    }

    private static double uniform(SeededDraws rng, double low, double high) {
        return low + (high - low) * rng.nextDouble();
    }

    private static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a non-negative number. Received: " + name + "="
                    + value);
        }
        return value;
    }

    private static long[] imageShape(INDArray image) {
        if (image == null || image.rank() != 3) {
            throw new IllegalArgumentException("Expected one image of rank 3 (height, width, channels). Received:"
                    + " shape " + (image == null ? "null" : Arrays.toString(image.shape())));
        }
        return image.shape().clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImageDataGenerator(rotation_range=%s, width_shift_range=%s,"
                + " height_shift_range=%s, shear_range=%s, zoom_range=[%s, %s], channel_shift_range=%s,"
                + " brightness_range=%s, fill_mode=%s, cval=%s, horizontal_flip=%s, vertical_flip=%s, rescale=%s,"
                + " validation_split=%s)", rotationRange, widthShift, heightShift, shearRange, zoomLow, zoomHigh,
                channelShiftRange, Arrays.toString(brightnessRange), fillMode, cval, horizontalFlip, verticalFlip,
                rescale, validationSplit);
    }
}
