package dev.lamina.data.image;

/**
 * The geometric part of Keras' {@code apply_affine_transform}: builds the sampling matrix from
 * {@link TransformParams} and resamples a channels-last float image with it, reproducing what
 * {@code scipy.ndimage.affine_transform(..., order=1, mode=fill_mode, cval=cval)} computes for each
 * channel (coordinate mapping at the borders, interpolation weights and summation order included),
 * so results agree with Keras to float32 rounding.
 *
 * <p>A tight loop over {@code float[]}: the design allows plain Java loops for data decoding and
 * augmentation, and an ND4J call per pixel would cost far more than the arithmetic. The sampling
 * coordinates are computed once per pixel and shared by all channels.
 */
final class AffineWarp {

    // scipy's boundary modes (NI_ExtendMode); MIRROR is the whole-sample mirror that scipy uses for
    // the interpolation taps of "constant" and "wrap".
    private static final int NEAREST = 0;
    private static final int WRAP = 1;
    private static final int REFLECT = 2;
    private static final int MIRROR = 3;
    private static final int CONSTANT = 4;

    private AffineWarp() {
    }

    /**
     * One thread's working memory for {@link #samplingMatrix} and {@link #warp}, reused image after
     * image: the matrices and tap records made per image were a steady share of an augmented
     * batch's Java garbage.
     */
    static final class Scratch {
        /** The sampling matrix of the last {@link #samplingMatrix} call that needed a warp. */
        final double[] matrix = new double[6];
        private final double[] affine = new double[6];
        private final double[] centred = new double[6];
        private final Taps rowTaps = new Taps();
        private final Taps colTaps = new Taps();
    }

    /**
     * The matrix that maps an output pixel to the input point it samples, in scipy's (row, column)
     * order: {@code inRow = m[2] + r·m[0] + c·m[1]}, {@code inCol = m[5] + r·m[3] + c·m[4]}.
     *
     * <p>Built as Keras builds it: rotation · shift · shear · zoom in (x, y) = (column, row)
     * coordinates, moved to the image centre, then with both axes swapped for scipy's (row, column)
     * indexing. One deliberate difference: Keras centres x on {@code (height - 1) / 2} (a slip that
     * only shows on non-square images); Lamina centres x on {@code (width - 1) / 2}.
     *
     * @param t the transformation; only its geometric part is read
     * @param s receives the six coefficients in {@link Scratch#matrix}
     * @return false when the parameters need no warp (Keras then leaves the pixels untouched)
     */
    static boolean samplingMatrix(Augmentation t, int height, int width, Scratch s) {
        // Affine matrices as their top two rows {a00, a01, a02, a10, a11, a12}: nine-element
        // matrices, several per image, were most of an augmented batch's Java garbage.
        double[] a = s.affine;
        boolean any = false;
        if (t.theta != 0) {
            double r = Math.toRadians(t.theta);
            set(a, Math.cos(r), -Math.sin(r), 0, Math.sin(r), Math.cos(r), 0);
            any = true;
        }
        if (t.tx != 0 || t.ty != 0) {
            any = times(a, any, 1, 0, t.tx, 0, 1, t.ty);
        }
        if (t.shear != 0) {
            double sh = Math.toRadians(t.shear);
            any = times(a, any, 1, -Math.sin(sh), 0, 0, Math.cos(sh), 0);
        }
        if (t.zx != 1 || t.zy != 1) {
            any = times(a, any, t.zx, 0, 0, 0, t.zy, 0);
        }
        if (!any) {
            return false;
        }
        double ox = width / 2.0 - 0.5;
        double oy = height / 2.0 - 0.5;
        double[] m = s.centred;
        set(m, 1, 0, ox, 0, 1, oy);
        times(m, true, a[0], a[1], a[2], a[3], a[4], a[5]);
        times(m, true, 1, 0, -ox, 0, 1, -oy);
        set(s.matrix, m[4], m[3], m[5], m[1], m[0], m[2]);
        return true;
    }

    private static void set(double[] a, double a00, double a01, double a02, double a10, double a11, double a12) {
        a[0] = a00;
        a[1] = a01;
        a[2] = a02;
        a[3] = a10;
        a[4] = a11;
        a[5] = a12;
    }

    /**
     * {@code a · b} for affine {@code a} (top two rows, updated in place; the identity when
     * {@code held} is false) and {@code b} given by its top two rows, each sum in the order of the
     * full 3x3 product, so the coefficients round as they did when both were 3x3 arrays.
     *
     * @return true: {@code a} now holds a matrix
     */
    private static boolean times(double[] a, boolean held, double b00, double b01, double b02, double b10,
            double b11, double b12) {
        if (!held) {
            set(a, b00, b01, b02, b10, b11, b12);
            return true;
        }
        for (int r = 0; r < 6; r += 3) {
            double a0 = a[r];
            double a1 = a[r + 1];
            double a2 = a[r + 2];
            a[r] = a0 * b00 + a1 * b10 + a2 * 0.0;
            a[r + 1] = a0 * b01 + a1 * b11 + a2 * 0.0;
            a[r + 2] = a0 * b02 + a1 * b12 + a2 * 1.0;
        }
        return true;
    }

    /**
     * Resamples one image.
     *
     * @param src the input pixels, channels-last
     * @param srcOff where the image starts in {@code src}
     * @param dst receives the output pixels, same layout and size
     * @param dstOff where the output starts in {@code dst}
     * @param order 1 for bilinear (Keras' default), 0 for nearest-neighbour sampling
     * @param s the scratch whose {@link Scratch#matrix} {@link #samplingMatrix} has just set
     */
    static void warp(float[] src, int srcOff, float[] dst, int dstOff, int h, int w, int ch, FillMode fillMode,
            double cval, int order, Scratch s) {
        int mode = code(fillMode);
        double[] m = s.matrix;
        Taps rowTaps = s.rowTaps;
        Taps colTaps = s.colTaps;
        int rowStride = w * ch;
        double lastRow = h - 1;
        double lastCol = w - 1;
        for (int r = 0; r < h; r++) {
            // Same operation order as scipy (shift, then + r·m, then + c·m), so the coordinates
            // round identically and points on the border fall on the same side of it.
            double baseRow = m[2] + r * m[0];
            double baseCol = m[5] + r * m[3];
            int o = dstOff + r * rowStride;
            for (int c = 0; c < w; c++, o += ch) {
                double yr = baseRow + c * m[1];
                double xc = baseCol + c * m[4];
                if (order == 1 && yr >= 0 && xc >= 0 && yr < lastRow && xc < lastCol) {
                    // Interior: both taps inside on both axes, which no boundary mode changes.
                    int r0 = (int) yr;
                    int c0 = (int) xc;
                    double wr0 = 1.0 - (yr - r0);
                    double wr1 = 1.0 - wr0;
                    double wc0 = 1.0 - (xc - c0);
                    double wc1 = 1.0 - wc0;
                    int p00 = srcOff + r0 * rowStride + c0 * ch;
                    int p10 = p00 + rowStride;
                    if (ch == 3) {
                        // RGB unrolled: the common case, and the JIT cannot unroll a loop over an unknown ch.
                        dst[o] = blend(src[p00], src[p00 + 3], src[p10], src[p10 + 3], wr0, wr1, wc0, wc1);
                        dst[o + 1] = blend(src[p00 + 1], src[p00 + 4], src[p10 + 1], src[p10 + 4], wr0, wr1, wc0, wc1);
                        dst[o + 2] = blend(src[p00 + 2], src[p00 + 5], src[p10 + 2], src[p10 + 5], wr0, wr1, wc0, wc1);
                    } else {
                        for (int k = 0; k < ch; k++) {
                            dst[o + k] = blend(src[p00 + k], src[p00 + ch + k], src[p10 + k], src[p10 + ch + k],
                                    wr0, wr1, wc0, wc1);
                        }
                    }
                } else if (!taps(yr, h, mode, order, rowTaps) || !taps(xc, w, mode, order, colTaps)) {
                    for (int k = 0; k < ch; k++) {
                        dst[o + k] = (float) cval;
                    }
                } else if (order == 0) {
                    int p = srcOff + rowTaps.i0 * rowStride + colTaps.i0 * ch;
                    System.arraycopy(src, p, dst, o, ch);
                } else {
                    int p00 = srcOff + rowTaps.i0 * rowStride + colTaps.i0 * ch;
                    int p01 = srcOff + rowTaps.i0 * rowStride + colTaps.i1 * ch;
                    int p10 = srcOff + rowTaps.i1 * rowStride + colTaps.i0 * ch;
                    int p11 = srcOff + rowTaps.i1 * rowStride + colTaps.i1 * ch;
                    for (int k = 0; k < ch; k++) {
                        dst[o + k] = blend(src[p00 + k], src[p01 + k], src[p10 + k], src[p11 + k],
                                rowTaps.w0, rowTaps.w1, colTaps.w0, colTaps.w1);
                    }
                }
            }
        }
    }

    /**
     * Bilinear blend of four taps exactly as scipy sums them: in double, tap by tap (row tap outer),
     * each value times its row weight then its column weight, rounded to float32 at the end.
     */
    private static float blend(float v00, float v01, float v10, float v11, double wr0, double wr1, double wc0,
            double wc1) {
        double t = 0.0;
        t += v00 * wr0 * wc0;
        t += v01 * wr0 * wc1;
        t += v10 * wr1 * wc0;
        t += v11 * wr1 * wc1;
        return (float) t;
    }

    /** The two input indices and weights of one axis. */
    private static final class Taps {
        int i0;
        int i1;
        double w0;
        double w1;
    }

    /**
     * One axis of a point near or beyond the border, as scipy's {@code NI_GeometricTransform}
     * resolves it: map the coordinate by the fill mode, then map each interpolation tap that still
     * falls outside by the tap mode (whole-sample mirror for "constant" and "wrap").
     *
     * @return false when "constant" mode puts the point outside, so the pixel takes {@code cval}
     */
    private static boolean taps(double cc, int n, int mode, int order, Taps t) {
        if (mode != NEAREST) {
            cc = mapCoordinate(cc, n, mode);
            if (!(cc > -1.0)) {
                return false;
            }
        }
        int tapMode = mode == CONSTANT || mode == WRAP ? MIRROR : mode;
        if (order == 0) {
            long start = (long) Math.floor(cc + 0.5);
            t.i0 = (int) (start < 0 || start >= n ? (long) mapCoordinate(start, n, tapMode) : start);
            return true;
        }
        double floor = Math.floor(cc);
        long start = (long) floor;
        // scipy's get_spline_interpolation_weights for order 1: the last weight is 1 minus the rest.
        t.w0 = 1.0 - (cc - floor);
        t.w1 = 1.0 - t.w0;
        if (start < 0 || start + 1 >= n) {
            t.i0 = (int) mapCoordinate(start, n, tapMode);
            t.i1 = (int) mapCoordinate(start + 1, n, tapMode);
        } else {
            t.i0 = (int) start;
            t.i1 = (int) start + 1;
        }
        return true;
    }

    /** scipy's {@code map_coordinate} (ni_interpolation.c), line for line. */
    static double mapCoordinate(double in, int len, int mode) {
        if (in < 0) {
            switch (mode) {
                case MIRROR -> {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long sz2 = 2L * len - 2;
                        in = sz2 * (long) (-in / sz2) + in;
                        in = in <= 1 - len ? in + sz2 : -in;
                    }
                }
                case REFLECT -> {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long sz2 = 2L * len;
                        if (in < -sz2) {
                            in = sz2 * (long) (-in / sz2) + in;
                        }
                        in = in < -len ? in + sz2 : (in > -1e-15 ? 1e-15 : -in) - 1;
                    }
                }
                case WRAP -> {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long sz = len - 1;
                        in += sz * ((long) (-in / sz) + 1);
                    }
                }
                case NEAREST -> in = 0;
                default -> in = -1;
            }
        } else if (in > len - 1) {
            switch (mode) {
                case MIRROR -> {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long sz2 = 2L * len - 2;
                        in -= sz2 * (long) (in / sz2);
                        if (in >= len) {
                            in = sz2 - in;
                        }
                    }
                }
                case REFLECT -> {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long sz2 = 2L * len;
                        in -= sz2 * (long) (in / sz2);
                        if (in >= len) {
                            in = sz2 - in - 1;
                        }
                    }
                }
                case WRAP -> {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        long sz = len - 1;
                        in -= sz * (long) (in / sz);
                    }
                }
                case NEAREST -> in = len - 1;
                default -> in = -1;
            }
        }
        return in;
    }

    private static int code(FillMode mode) {
        return switch (mode) {
            case NEAREST -> NEAREST;
            case CONSTANT -> CONSTANT;
            case REFLECT -> REFLECT;
            case WRAP -> WRAP;
        };
    }
}
