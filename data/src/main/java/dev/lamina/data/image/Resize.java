package dev.lamina.data.image;

import java.util.function.DoubleUnaryOperator;

/**
 * Resizes decoded images to the target size the way Keras' {@code load_img} does, through Pillow's
 * {@code Image.resize}: "nearest" picks the source pixel {@code floor((x + 0.5) · in / out)};
 * the other filters are Pillow's two-pass separable convolution whose kernel widens with the
 * shrink factor (so shrinking antialiases, unlike Java2D's bilinear), with Pillow's 22-bit fixed
 * point arithmetic for 8-bit images and RGBA premultiplied by alpha for the duration. Own code
 * rather than Java2D so that images match what Keras feeds a model.
 *
 * <p>Pixels are {@code int} samples, channels-last: 0..255, or 0..65535 for 16-bit grayscale.
 */
final class Resize {

    private static final int PRECISION_BITS = 32 - 8 - 2;

    /** A Pillow resampling filter: its kernel and half-width. */
    enum Filter {
        NEAREST(0, x -> 0),
        BOX(0.5, x -> x > -0.5 && x <= 0.5 ? 1.0 : 0.0),
        BILINEAR(1.0, x -> {
            double a = Math.abs(x);
            return a < 1.0 ? 1.0 - a : 0.0;
        }),
        HAMMING(1.0, x -> {
            double a = Math.abs(x);
            if (a == 0.0) {
                return 1.0;
            }
            if (a >= 1.0) {
                return 0.0;
            }
            a = a * Math.PI;
            // Pillow writes the constants as C floats.
            return Math.sin(a) / a * (0.54f + 0.46f * Math.cos(a));
        }),
        BICUBIC(2.0, x -> {
            double a = -0.5;
            double t = Math.abs(x);
            if (t < 1.0) {
                return ((a + 2.0) * t - (a + 3.0)) * t * t + 1;
            }
            if (t < 2.0) {
                return (((t - 5) * t + 8) * t - 4) * a;
            }
            return 0.0;
        }),
        LANCZOS(3.0, x -> -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0);

        final double support;
        final DoubleUnaryOperator kernel;

        Filter(double support, DoubleUnaryOperator kernel) {
            this.support = support;
            this.kernel = kernel;
        }

        static Filter of(String interpolation) {
            return valueOf(interpolation.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private Resize() {
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return Math.sin(x) / x;
    }

    /**
     * Resizes the part {@code box = (left, top, right, bottom)} of an image to {@code outW x outH}.
     *
     * @param sixteenBit whether samples are 16-bit (grayscale only), which Pillow resamples in
     *     floating point
     */
    static int[] resize(int[] src, int w, int h, int ch, int outW, int outH, int[] box, Filter filter,
            boolean sixteenBit) {
        if (filter == Filter.NEAREST) {
            return nearest(src, w, h, ch, outW, outH, box, sixteenBit);
        }
        if (ch == 4) {
            // Pillow resamples RGBA as premultiplied "RGBa" and converts back afterwards.
            int[] pre = premultiply(src);
            int[] out = resample(pre, w, h, ch, outW, outH, box, filter, false);
            unpremultiply(out);
            return out;
        }
        return resample(src, w, h, ch, outW, outH, box, filter, sixteenBit);
    }

    /**
     * Pillow's nearest resize: per-axis tables of source indices. For 8-bit images Pillow's
     * {@code ImagingScaleAffine} accumulates the position pixel by pixel; 16-bit images take its
     * generic transform, which computes {@code (x + 0.5) · scale} directly; the two round
     * differently at exact midpoints, so both are kept.
     */
    private static int[] nearest(int[] src, int w, int h, int ch, int outW, int outH, int[] box, boolean sixteenBit) {
        int[] xin = axisTable(box[0], box[2], outW, sixteenBit);
        int[] yin = axisTable(box[1], box[3], outH, sixteenBit);
        int[] out = new int[outW * outH * ch];
        for (int y = 0; y < outH; y++) {
            int srcRow = yin[y] * w * ch;
            int o = y * outW * ch;
            for (int x = 0; x < outW; x++) {
                int p = srcRow + xin[x] * ch;
                for (int k = 0; k < ch; k++) {
                    out[o++] = src[p + k];
                }
            }
        }
        return out;
    }

    private static int[] axisTable(int from, int to, int outSize, boolean direct) {
        double step = (double) (to - from) / outSize;
        double pos = from + step * 0.5;
        int[] table = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            double at = direct ? step * (i + 0.5) + from : pos;
            table[i] = at < 0.0 ? 0 : (int) at;
            pos += step;
        }
        return table;
    }

    /** Pillow's {@code ImagingResampleInner}: horizontal pass over the rows needed, then vertical. */
    private static int[] resample(int[] src, int w, int h, int ch, int outW, int outH, int[] box, Filter filter,
            boolean sixteenBit) {
        Coeffs horiz = Coeffs.of(w, box[0], box[2], outW, filter);
        Coeffs vert = Coeffs.of(h, box[1], box[3], outH, filter);
        boolean needH = outW != w || box[0] != 0 || box[2] != outW;
        boolean needV = outH != h || box[1] != 0 || box[3] != outH;
        int[] img = src;
        int rows = h;
        int cols = w;
        int rowOffset = 0;
        if (needH) {
            int first = vert.bounds[0];
            int last = vert.bounds[outH * 2 - 2] + vert.bounds[outH * 2 - 1];
            img = pass(img, cols, ch, first, last - first, horiz, outW, true, sixteenBit);
            rows = last - first;
            cols = outW;
            rowOffset = first;
        }
        if (needV) {
            img = pass(img, cols, ch, -rowOffset, outH, vert, outH, false, sixteenBit);
        } else if (!needH) {
            img = img.clone();
        }
        return img;
    }

    /**
     * One pass of the separable convolution, horizontal (along rows) or vertical (along columns).
     *
     * @param rowShift for the horizontal pass the first source row used; for the vertical pass the
     *     negated offset of the (already cropped) rows
     */
    private static int[] pass(int[] in, int inCols, int ch, int rowShift, int outRows, Coeffs c, int outSize,
            boolean horizontal, boolean sixteenBit) {
        int outCols = horizontal ? outSize : inCols;
        int[] out = new int[outRows * outCols * ch];
        int[] fixed = sixteenBit ? null : c.fixedPoint();
        int rowLen = inCols * ch;
        for (int yy = 0; yy < outRows; yy++) {
            for (int xx = 0; xx < outCols; xx++) {
                int i = horizontal ? xx : yy;
                int n = c.bounds[i * 2 + 1];
                int kOff = i * c.ksize;
                // First tap and the distance between taps in the input array.
                int first = horizontal
                        ? (yy + rowShift) * rowLen + c.bounds[i * 2] * ch
                        : (c.bounds[i * 2] + rowShift) * rowLen + xx * ch;
                int step = horizontal ? ch : rowLen;
                int o = (yy * outCols + xx) * ch;
                for (int b = 0; b < ch; b++) {
                    int at = first + b;
                    if (sixteenBit) {
                        double ss = 0.0;
                        for (int t = 0; t < n; t++, at += step) {
                            ss += in[at] * c.k[kOff + t];
                        }
                        int v = (int) (ss >= 0.0 ? ss + 0.5 : ss - 0.5);
                        out[o + b] = Math.max(0, Math.min(65535, v));
                    } else {
                        int ss = 1 << (PRECISION_BITS - 1);
                        for (int t = 0; t < n; t++, at += step) {
                            ss += in[at] * fixed[kOff + t];
                        }
                        out[o + b] = Math.max(0, Math.min(255, ss >> PRECISION_BITS));
                    }
                }
            }
        }
        return out;
    }

    /** Pillow's {@code precompute_coeffs}: per output index, the first source index, the tap count and weights. */
    private record Coeffs(int ksize, int[] bounds, double[] k) {

        static Coeffs of(int inSize, float in0, float in1, int outSize, Filter f) {
            double scale = (double) (in1 - in0) / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = f.support * filterScale;
            int ksize = (int) Math.ceil(support) * 2 + 1;
            int[] bounds = new int[outSize * 2];
            double[] k = new double[outSize * ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = in0 + (xx + 0.5) * scale;
                double ww = 0.0;
                double ss = 1.0 / filterScale;
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
                for (int x = 0; x < xmax; x++) {
                    double w = f.kernel.applyAsDouble((x + xmin - center + 0.5) * ss);
                    k[xx * ksize + x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    if (ww != 0.0) {
                        k[xx * ksize + x] /= ww;
                    }
                }
                bounds[xx * 2] = xmin;
                bounds[xx * 2 + 1] = xmax;
            }
            return new Coeffs(ksize, bounds, k);
        }

        /** Pillow's {@code normalize_coeffs_8bpc}: weights as 22-bit fixed point, rounded half away from zero. */
        int[] fixedPoint() {
            int[] out = new int[k.length];
            for (int i = 0; i < k.length; i++) {
                out[i] = k[i] < 0 ? (int) (-0.5 + k[i] * (1 << PRECISION_BITS)) : (int) (0.5 + k[i] * (1 << PRECISION_BITS));
            }
            return out;
        }
    }

    /** Pillow's {@code rgba2rgbA}: colour times alpha / 255, rounded as {@code MULDIV255}. */
    private static int[] premultiply(int[] src) {
        int[] out = src.clone();
        for (int i = 0; i < out.length; i += 4) {
            int a = out[i + 3];
            for (int b = 0; b < 3; b++) {
                int t = out[i + b] * a + 128;
                out[i + b] = ((t >> 8) + t) >> 8;
            }
        }
        return out;
    }

    /** Pillow's {@code rgbA2rgba}: colour times 255 / alpha, truncated and clipped; alpha 0 and 255 untouched. */
    private static void unpremultiply(int[] a) {
        for (int i = 0; i < a.length; i += 4) {
            int alpha = a[i + 3];
            if (alpha != 0 && alpha != 255) {
                for (int b = 0; b < 3; b++) {
                    a[i + b] = Math.min(255, 255 * a[i + b] / alpha);
                }
            }
        }
    }
}
