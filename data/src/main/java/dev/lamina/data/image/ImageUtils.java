package dev.lamina.data.image;

import dev.lamina.core.LaminaIOException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' image utilities for single files: {@code load_img} followed by {@code img_to_array}
 * ({@link #load}), and {@code save_img} ({@link #save}). Arrays are channels-last {@code (H, W, C)}
 * float32; a loaded image keeps Keras' 0..255 values, to be scaled as the model expects.
 *
 * <pre>{@code
 * INDArray x = ImageUtils.load(Path.of("cat.jpg"), "rgb", 150, 150).div(255).reshape(1, 150, 150, 3);
 * INDArray probabilities = model.predict(x);
 * ImageUtils.save(Path.of("copy.png"), x.reshape(150, 150, 3));
 * }</pre>
 */
public final class ImageUtils {

    private ImageUtils() {
    }

    /**
     * An image file as an RGB array, Keras' {@code img_to_array(load_img(path))}.
     *
     * @param path a PNG, JPEG, BMP, GIF, TIFF or binary PGM/PPM file
     * @return {@code (H, W, 3)} float32 in 0..255
     * @throws LaminaIOException naming the file when it cannot be read or decoded
     */
    public static INDArray load(Path path) {
        return load(path, "rgb");
    }

    /**
     * An image file in a colour mode.
     *
     * @param path the file
     * @param colorMode {@code "grayscale"}, {@code "rgb"} or {@code "rgba"}, as Keras' {@code color_mode}
     * @return {@code (H, W, C)} float32, C of 1, 3 or 4, in 0..255 (0..65535 for 16-bit grayscale)
     * @throws LaminaIOException naming the file when it cannot be read or decoded
     * @throws IllegalArgumentException for another colour mode
     */
    public static INDArray load(Path path, String colorMode) {
        ImageDecoder.RawImage img = decode(path, channels(colorMode));
        return toArray(img.samples(), img.height(), img.width(), img.channels());
    }

    /**
     * An image file in a colour mode, resized to {@code height x width} with Keras' default
     * interpolation, {@code "nearest"} (Keras' {@code target_size}).
     *
     * @param path the file
     * @param colorMode {@code "grayscale"}, {@code "rgb"} or {@code "rgba"}
     * @param height the target height
     * @param width the target width
     * @return {@code (height, width, C)} float32 in 0..255
     * @throws LaminaIOException naming the file when it cannot be read or decoded
     */
    public static INDArray load(Path path, String colorMode, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("target_size must be positive. Received: target_size=(" + height
                    + ", " + width + ")");
        }
        ImageDecoder.RawImage img = decode(path, channels(colorMode));
        int[] pixels = img.samples();
        if (img.width() != width || img.height() != height) {
            pixels = Resize.resize(pixels, img.width(), img.height(), img.channels(), width, height,
                    new int[] {0, 0, img.width(), img.height()}, Resize.Filter.NEAREST, img.sixteenBit());
        }
        return toArray(pixels, height, width, img.channels());
    }

    /**
     * Saves an array as an image file, Keras' {@code save_img}: the values are scaled to 0..255 from
     * their own minimum and maximum ({@code scale=True}), one channel written as grayscale, three as
     * RGB. The format comes from the file's extension ({@code .png}, {@code .jpg}, {@code .bmp}).
     *
     * @param path the file; its folder must exist
     * @param image {@code (H, W, 1)}, {@code (H, W, 3)} or {@code (H, W)}
     * @throws IllegalArgumentException naming the shape or the extension when it cannot be written
     * @throws LaminaIOException when writing fails
     */
    public static void save(Path path, INDArray image) {
        String name = path.getFileName().toString();
        String format = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (format.equals("jpeg")) {
            format = "jpg";
        }
        if (!format.equals("png") && !format.equals("jpg") && !format.equals("bmp")) {
            throw new IllegalArgumentException("save_img writes .png, .jpg or .bmp files. Received: " + path);
        }
        BufferedImage img = toImage(image);
        try {
            if (!ImageIO.write(img, format, path.toFile())) {
                throw new IOException("no " + format + " writer for " + path);
            }
        } catch (IOException e) {
            throw new LaminaIOException("Cannot write image " + path + ": " + e.getMessage(), e);
        }
    }

    /** The image as 8-bit grayscale or RGB, scaled from its own range to 0..255. */
    private static BufferedImage toImage(INDArray image) {
        long[] s = image.shape();
        if (!(s.length == 2 || (s.length == 3 && (s[2] == 1 || s[2] == 3)))) {
            throw new IllegalArgumentException("save_img takes an (H, W), (H, W, 1) or (H, W, 3) array. Received "
                    + "shape " + java.util.Arrays.toString(s));
        }
        int h = (int) s[0];
        int w = (int) s[1];
        int c = s.length == 2 ? 1 : (int) s[2];
        float[] v = image.castTo(DataType.FLOAT).dup('c').reshape(image.length()).toFloatVector();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        // Keras' array_to_img(scale=True): x - min, then / max of the shifted values, times 255.
        float range = max > min ? max - min : 1;
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    int level = Math.round((v[(y * w + x) * c + k] - min) / range * 255);
                    img.getRaster().setSample(x, y, k, level);
                }
            }
        }
        return img;
    }

    /**
     * The most pixels an image file may have to be loaded (Pillow's {@code Image.MAX_IMAGE_PIXELS}),
     * checked from the file's header before anything is decoded, so that a small file describing a
     * huge image (a decompression bomb) fails with a {@link LaminaIOException} naming it instead of
     * exhausting memory. The default, 89,478,485 pixels, is Pillow's; the system property
     * {@code lamina.image.maxPixels} sets another at startup. It applies to every image loader:
     * {@link #load} and {@code ImageDataGenerator.flowFromDirectory}.
     *
     * @return the limit, or {@code Long.MAX_VALUE} when there is none
     */
    public static long maxImagePixels() {
        return ImageSizeCheck.maxPixels();
    }

    /**
     * Sets the pixel limit of {@link #maxImagePixels()} for the whole JVM.
     *
     * @param limit the most pixels an image may have; {@code 0} or less for no limit (trusted files
     *     only: an image then fails only when the JVM's memory cannot hold it)
     */
    public static void setMaxImagePixels(long limit) {
        ImageSizeCheck.maxPixels(limit);
    }

    private static ImageDecoder.RawImage decode(Path path, int channels) {
        if (!Files.isRegularFile(path)) {
            throw new LaminaIOException(new java.nio.file.NoSuchFileException(path.toString(), null,
                    "no such image file"));
        }
        try {
            return ImageDecoder.read(path, channels);
        } catch (java.io.UncheckedIOException e) {
            throw new LaminaIOException(e.getMessage(), e.getCause());
        }
    }

    private static int channels(String colorMode) {
        switch (colorMode == null ? "" : colorMode) {
            case "grayscale":
                return 1;
            case "rgb":
                return 3;
            case "rgba":
                return 4;
            default:
                throw new IllegalArgumentException("color_mode must be \"grayscale\", \"rgb\" or \"rgba\". Received: "
                        + "color_mode=" + colorMode);
        }
    }

    private static INDArray toArray(int[] samples, int h, int w, int c) {
        float[] f = new float[samples.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = samples[i];
        }
        return ImageArrays.toNd4j(f, new long[] {h, w, c});
    }
}
