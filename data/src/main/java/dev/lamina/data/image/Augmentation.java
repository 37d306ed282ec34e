package dev.lamina.data.image;

/**
 * One image's transformation as mutable fields, with the working memory that drawing and applying
 * it needs: the iterators keep one per thread and reuse it image after image, where a
 * {@link TransformParams} (boxed values included), a generator and matrices per image were most of
 * an augmented batch's Java garbage. Field meanings are {@link TransformParams}'s.
 */
final class Augmentation {

    double theta;
    double tx;
    double ty;
    double shear;
    double zx;
    double zy;
    boolean flipHorizontal;
    boolean flipVertical;
    boolean hasChannelShift;
    double channelShift;
    boolean hasBrightness;
    double brightness;

    /** The draws of this transformation, seeded per image. */
    final SeededDraws draws = new SeededDraws();
    /** The warp's matrices and taps. */
    final AffineWarp.Scratch warp = new AffineWarp.Scratch();
    /** PixelOps.brightness's tables of the 256 8-bit results. */
    final float[] brightened = new float[256];
    final float[] unbrightened = new float[256];

    /**
     * Holds these parameters.
     *
     * @param p the parameters
     * @return this object
     */
    Augmentation set(TransformParams p) {
        theta = p.theta();
        tx = p.tx();
        ty = p.ty();
        shear = p.shear();
        zx = p.zx();
        zy = p.zy();
        flipHorizontal = p.flipHorizontal();
        flipVertical = p.flipVertical();
        hasChannelShift = p.channelShiftIntensity() != null;
        channelShift = hasChannelShift ? p.channelShiftIntensity() : 0;
        hasBrightness = p.brightness() != null;
        brightness = hasBrightness ? p.brightness() : 0;
        return this;
    }

    /**
     * The parameters held, as the public record.
     *
     * @return a new record
     */
    TransformParams toParams() {
        return new TransformParams(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
                hasChannelShift ? channelShift : null, hasBrightness ? brightness : null);
    }
}
