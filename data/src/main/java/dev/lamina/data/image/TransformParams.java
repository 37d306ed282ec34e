package dev.lamina.data.image;

/**
 * The parameters of one random transformation, as Keras' {@code get_random_transform} returns
 * them in a dict and {@code apply_transform} reads them. {@link ImageDataGenerator#getRandomTransform}
 * draws them; {@link ImageDataGenerator#applyTransform} applies them; construct them directly (from
 * {@link #identity()} and the {@code with…} methods) to apply a chosen transformation.
 *
 * <p>Geometry, as in Keras: an output pixel at row {@code r}, column {@code c} takes its value from
 * the input at {@code T·(c, r)}, where {@code x} is the column and {@code y} the row, both measured
 * from the image centre ({@code (size - 1) / 2}), and {@code T = rotation(theta) · shift(tx, ty) ·
 * shear(shear) · zoom(zx, zy)}. Sampling is bilinear; points outside the image take the
 * generator's fill mode. The steps run in Keras' order: warp, channel shift, horizontal flip,
 * vertical flip, brightness.
 *
 * @param theta rotation in degrees; positive turns the picture counter-clockwise
 * @param tx shift in pixels along x (columns): the output at column {@code c} shows the input at
 *     column {@code c + tx}, so the content moves left for a positive {@code tx}
 * @param ty shift in pixels along y (rows): the content moves up for a positive {@code ty}
 * @param shear shear angle in degrees (Keras' definition: {@code x' = x - sin(shear)·y},
 *     {@code y' = cos(shear)·y} in sampling coordinates)
 * @param zx zoom along x: the output samples the input at {@code zx} times the distance from the
 *     centre, so values below 1 enlarge the picture
 * @param zy zoom along y, likewise
 * @param flipHorizontal whether to mirror the columns (after the warp)
 * @param flipVertical whether to mirror the rows (after the warp)
 * @param channelShiftIntensity added to every channel and clipped to the image's former range, or
 *     {@code null} for none
 * @param brightness Pillow's brightness factor (0 black, 1 unchanged), or {@code null} for none
 */
public record TransformParams(
        double theta,
        double tx,
        double ty,
        double shear,
        double zx,
        double zy,
        boolean flipHorizontal,
        boolean flipVertical,
        Double channelShiftIntensity,
        Double brightness) {

    private static final TransformParams IDENTITY =
            new TransformParams(0, 0, 0, 0, 1, 1, false, false, null, null);

    /**
     * The transformation that changes nothing.
     *
     * @return theta, tx, ty and shear 0, zooms 1, no flips, no channel shift, no brightness change
     */
    public static TransformParams identity() {
        return IDENTITY;
    }

    /**
     * A copy with another rotation.
     *
     * @param degrees the rotation in degrees
     * @return the copy
     */
    public TransformParams withTheta(double degrees) {
        return new TransformParams(degrees, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
                channelShiftIntensity, brightness);
    }

    /**
     * A copy with other shifts.
     *
     * @param x pixels along x (columns)
     * @param y pixels along y (rows)
     * @return the copy
     */
    public TransformParams withShift(double x, double y) {
        return new TransformParams(theta, x, y, shear, zx, zy, flipHorizontal, flipVertical,
                channelShiftIntensity, brightness);
    }

    /**
     * A copy with another shear.
     *
     * @param degrees the shear angle in degrees
     * @return the copy
     */
    public TransformParams withShear(double degrees) {
        return new TransformParams(theta, tx, ty, degrees, zx, zy, flipHorizontal, flipVertical,
                channelShiftIntensity, brightness);
    }

    /**
     * A copy with other zooms.
     *
     * @param x zoom along x (columns)
     * @param y zoom along y (rows)
     * @return the copy
     */
    public TransformParams withZoom(double x, double y) {
        return new TransformParams(theta, tx, ty, shear, x, y, flipHorizontal, flipVertical,
                channelShiftIntensity, brightness);
    }

    /**
     * A copy with other flips.
     *
     * @param horizontal mirror the columns
     * @param vertical mirror the rows
     * @return the copy
     */
    public TransformParams withFlips(boolean horizontal, boolean vertical) {
        return new TransformParams(theta, tx, ty, shear, zx, zy, horizontal, vertical,
                channelShiftIntensity, brightness);
    }

    /**
     * A copy with another channel shift.
     *
     * @param intensity the value to add, or {@code null} for none
     * @return the copy
     */
    public TransformParams withChannelShift(Double intensity) {
        return new TransformParams(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
                intensity, brightness);
    }

    /**
     * A copy with another brightness factor.
     *
     * @param factor the factor, or {@code null} for none
     * @return the copy
     */
    public TransformParams withBrightness(Double factor) {
        return new TransformParams(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
                channelShiftIntensity, factor);
    }

    /**
     * Whether the geometric part (rotation, shift, shear, zoom) changes anything; Keras skips the
     * warp otherwise, so pixel values pass through untouched.
     *
     * @return true when a warp is needed
     */
    public boolean hasWarp() {
        return theta != 0 || tx != 0 || ty != 0 || shear != 0 || zx != 1 || zy != 1;
    }
}
