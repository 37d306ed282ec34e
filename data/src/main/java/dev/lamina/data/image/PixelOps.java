package dev.lamina.data.image;

/**
 * The non-geometric steps of Keras' {@code apply_transform} on one channels-last float image held in
 * a {@code float[]}, in place: channel shift, flips and brightness.
 */
final class PixelOps {

    private PixelOps() {
    }

    /** Mirrors the columns ({@code flip_axis(x, col_axis)}). */
    static void flipHorizontal(float[] a, int off, int h, int w, int ch) {
        for (int r = 0; r < h; r++) {
            int left = off + r * w * ch;
            int right = left + (w - 1) * ch;
            for (; left < right; left += ch, right -= ch) {
                for (int k = 0; k < ch; k++) {
                    float t = a[left + k];
                    a[left + k] = a[right + k];
                    a[right + k] = t;
                }
            }
        }
    }

    /** Mirrors the rows ({@code flip_axis(x, row_axis)}). */
    static void flipVertical(float[] a, int off, int h, int w, int ch) {
        int row = w * ch;
        // Swapped value by value: a row buffer per image was Java garbage on every flip.
        for (int top = 0, bottom = h - 1; top < bottom; top++, bottom--) {
            int t = off + top * row;
            int b = off + bottom * row;
            for (int k = 0; k < row; k++) {
                float v = a[t + k];
                a[t + k] = a[b + k];
                a[b + k] = v;
            }
        }
    }

    /**
     * Keras' {@code apply_channel_shift}: adds the intensity to every value and clips to the
     * image's minimum and maximum before the shift (float32 arithmetic, as numpy does it).
     */
    static void channelShift(float[] a, int off, int len, double intensity) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + len; i++) {
            min = Math.min(min, a[i]);
            max = Math.max(max, a[i]);
        }
        float shift = (float) intensity;
        for (int i = off; i < off + len; i++) {
            a[i] = Math.min(max, Math.max(min, a[i] + shift));
        }
    }

    /**
     * Keras' {@code apply_brightness_shift(x, brightness, scale=False)}, which goes through Pillow:
     * the image becomes 8-bit (values truncated; images outside [0, 255] are first stretched to
     * it), {@code ImageEnhance.Brightness} blends it with black ({@code trunc(factor·v)} in float32,
     * clipped to 255, alpha kept), and the result comes back as floats, stretched back to the
     * original range when it was stretched. So brightness, like in Keras, quantises to whole
     * numbers.
     *
     * @param blended receives the table of the 256 blended results (256 floats, reused per image)
     * @param kept receives the table of the 256 unblended results (alpha), likewise
     * @throws IllegalArgumentException for channel counts other than 1, 3 and 4, which Pillow
     *     cannot hold either
     */
    static void brightness(float[] a, int off, int len, int ch, double factor, float[] blended, float[] kept) {
        if (ch != 1 && ch != 3 && ch != 4) {
            throw new IllegalArgumentException("brightness_range needs images with 1, 3 or 4 channels (Pillow's"
                    + " L, RGB or RGBA). Received: an image with " + ch + " channels");
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + len; i++) {
            min = Math.min(min, a[i]);
            max = Math.max(max, a[i]);
        }
        boolean stretch = min < 0 || max > 255;
        // Every output depends only on the 8-bit value: tabulate the 256 results once per image.
        float alpha = (float) factor;
        for (int u = 0; u < 256; u++) {
            blended[u] = stretch ? (float) blend(u, alpha) / 255 * (max - min) + min : blend(u, alpha);
            kept[u] = stretch ? (float) u / 255 * (max - min) + min : u;
        }
        float range = max - min;
        for (int i = off; i < off + len; i++) {
            float v = a[i];
            if (stretch) {
                v = v - min;
                if (range != 0) {
                    v /= range;
                }
                v *= 255;
            }
            int u = (int) v;
            a[i] = ch == 4 && (i - off) % 4 == 3 ? kept[u] : blended[u];
        }
    }

    /** Pillow's {@code ImagingBlend} of black (0) with {@code v}: float32 product, truncated, clipped. */
    private static int blend(int v, float alpha) {
        float t = alpha * v;
        if (t <= 0f) {
            return 0;
        }
        if (t >= 255f) {
            return 255;
        }
        return (int) t;
    }
}
