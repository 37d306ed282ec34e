package dev.lamina.data.image;

import java.io.IOException;

/**
 * The checks an image's size passes before it is decoded, from the width and height in its header:
 * at most {@link #maxPixels()} pixels (Pillow's {@code Image.MAX_IMAGE_PIXELS} guard against
 * decompression bombs: a few hundred kilobytes of PNG can describe gigabytes of pixels), and no
 * more memory than the JVM may use at all.
 */
final class ImageSizeCheck {

    /** The system property that sets the pixel limit at startup; {@code 0} or less turns it off. */
    static final String PROPERTY = "lamina.image.maxPixels";
    /** Pillow's default: {@code 1024 * 1024 * 1024 // 4 // 3}, a 3-channel image of a quarter GiB. */
    static final long DEFAULT_MAX_PIXELS = 89_478_485L;
    /**
     * Heap bytes a decoded pixel can take at once: the decoder's samples, their colour conversion
     * and the float copy, each up to 4 channels of 4 bytes.
     */
    private static final long BYTES_PER_PIXEL = 3 * 4 * 4;

    private static volatile long maxPixels = initial();

    private ImageSizeCheck() {
    }

    private static long initial() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_PIXELS;
        }
        try {
            long v = Long.parseLong(value.strip().replace("_", ""));
            return v <= 0 ? Long.MAX_VALUE : v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be a number of pixels. Received: " + value, e);
        }
    }

    static long maxPixels() {
        return maxPixels;
    }

    static void maxPixels(long limit) {
        maxPixels = limit <= 0 ? Long.MAX_VALUE : limit;
    }

    /**
     * Fails unless a {@code width x height} image may be decoded.
     *
     * @throws IOException saying the size, the limit and how to raise it
     */
    static void check(long width, long height) throws IOException {
        long pixels = width * height;
        long limit = maxPixels;
        if (pixels > limit) {
            throw new IOException("image size (" + width + "x" + height + " = " + pixels + " pixels) exceeds the limit "
                    + "of " + limit + " pixels, which guards against decompression bombs; raise it with "
                    + "ImageUtils.setMaxImagePixels or -D" + PROPERTY + " if the file is trusted");
        }
        long needed = pixels * BYTES_PER_PIXEL;
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap) {
            throw new IOException("decoding a " + width + "x" + height + " image needs about " + (needed >> 20)
                    + " MiB, more than the " + (heap >> 20) + " MiB the JVM may use (-Xmx)");
        }
    }
}
