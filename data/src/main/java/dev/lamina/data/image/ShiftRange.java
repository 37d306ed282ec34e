package dev.lamina.data.image;

import java.util.Arrays;

/**
 * Keras' {@code width_shift_range} / {@code height_shift_range}, whose meaning depends on the
 * Python type of the value, kept apart here by the Java type:
 *
 * <ul>
 *   <li>a {@code double} {@code r}: uniform in {@code [-r, r)}; a fraction of the size when
 *       {@code r < 1}, pixels otherwise;
 *   <li>an {@code int} {@code n}: a whole number of pixels from {@code 0} to {@code n - 1} with a
 *       random sign, so {@code 2} gives -1, 0 or +1;
 *   <li>an array: one of its values with a random sign; fractions of the size when all values are
 *       below 1, pixels otherwise.
 * </ul>
 */
record ShiftRange(double range, double[] choices, boolean whole) {

    static final ShiftRange NONE = new ShiftRange(0, null, false);

    static ShiftRange ofDouble(String name, double r) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException(name + " must be a non-negative number (a fraction of the size"
                    + " below 1, pixels from 1). Received: " + name + "=" + r);
        }
        return new ShiftRange(r, null, false);
    }

    static ShiftRange ofInt(String name, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be a non-negative number of pixels. Received: "
                    + name + "=" + n);
        }
        return new ShiftRange(n, null, true);
    }

    static ShiftRange ofChoices(String name, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " needs at least one value to choose from. Received: "
                    + name + "=" + Arrays.toString(values));
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(name + " values must be finite. Received: " + name + "="
                        + Arrays.toString(values));
            }
        }
        return new ShiftRange(0, values.clone(), false);
    }

    /** Whether a shift is drawn at all (Keras tests the range for truth: 0 means none). */
    boolean isSet() {
        return choices != null || range != 0;
    }

    /**
     * One shift in pixels, as Keras' {@code get_random_transform} draws it.
     *
     * @param size the image's size along the shifted axis
     */
    double draw(SeededDraws rng, int size) {
        if (!isSet()) {
            return 0;
        }
        double shift;
        double max;
        if (choices != null) {
            shift = choices[rng.nextInt(choices.length)] * sign(rng);
            max = largestChoice();
        } else if (whole) {
            shift = rng.nextInt((int) range) * sign(rng);
            max = range;
        } else {
            shift = -range + 2 * range * rng.nextDouble();
            max = range;
        }
        return max < 1 ? shift * size : shift;
    }

    private static int sign(SeededDraws rng) {
        return rng.nextBoolean() ? 1 : -1;
    }

    /** The largest choice, by a loop: a stream per draw made Java garbage for every image. */
    private double largestChoice() {
        double max = Double.NEGATIVE_INFINITY;
        for (double c : choices) {
            max = Math.max(max, c);
        }
        return max;
    }

    @Override
    public String toString() {
        if (choices != null) {
            return Arrays.toString(choices);
        }
        return whole ? Integer.toString((int) range) : Double.toString(range);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShiftRange s && s.range == range && s.whole == whole && Arrays.equals(s.choices, choices);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(range) * 31 + Arrays.hashCode(choices) + (whole ? 1 : 0);
    }
}
