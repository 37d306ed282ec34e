package dev.lamina.data.image;

import java.util.Locale;

/**
 * How {@link ImageDataGenerator} fills the points that a rotation, shift, shear or zoom brings in
 * from outside the image: Keras' {@code fill_mode}, which Keras hands to
 * {@code scipy.ndimage.affine_transform} as its {@code mode}. The diagrams show a row
 * {@code a b c d} extended to both sides.
 */
public enum FillMode {

    /** {@code aaaa|abcd|dddd}: the nearest edge pixel (Keras' default). */
    NEAREST("nearest"),

    /** {@code kkkk|abcd|kkkk}: the constant {@code cval}. */
    CONSTANT("constant"),

    /** {@code dcba|abcd|dcba}: mirrored about the pixel edge (scipy's half-sample symmetric "reflect"). */
    REFLECT("reflect"),

    /**
     * {@code abcd|abcd|abcd}, as scipy implements its "wrap": the signal repeats with a period of
     * one pixel less than the size (the first and last pixels overlap), so a shift by one pixel
     * brings in {@code c}, not {@code d}. Kept as scipy does it, because that is what Keras users
     * get.
     */
    WRAP("wrap");

    private final String kerasName;

    FillMode(String kerasName) {
        this.kerasName = kerasName;
    }

    /**
     * The name Keras uses for this mode.
     *
     * @return {@code "nearest"}, {@code "constant"}, {@code "reflect"} or {@code "wrap"}
     */
    public String kerasName() {
        return kerasName;
    }

    /**
     * The mode with this Keras name.
     *
     * @param name {@code "nearest"}, {@code "constant"}, {@code "reflect"} or {@code "wrap"}
     *     (case-insensitive)
     * @return the mode
     * @throws IllegalArgumentException for any other name
     */
    public static FillMode of(String name) {
        if (name != null) {
            for (FillMode m : values()) {
                if (m.kerasName.equals(name.toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("fill_mode must be one of \"nearest\", \"constant\", \"reflect\" or"
                + " \"wrap\". Received: fill_mode=" + name);
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
