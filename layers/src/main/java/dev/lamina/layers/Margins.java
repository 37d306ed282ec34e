package dev.lamina.layers;

import java.util.List;
import java.util.Map;

/**
 * The rows and columns that ZeroPadding2D adds and Cropping2D removes, in Keras' three argument
 * forms: one int, {@code (height, width)} or {@code ((top, bottom), (left, right))}.
 */
record Margins(int top, int bottom, int left, int right) {

    /**
     * Checked margins.
     *
     * @param layer the layer's class name, for messages
     * @param arg the argument's Keras name ({@code padding}, {@code cropping})
     * @throws IllegalArgumentException echoing the value when an entry is negative
     */
    static Margins of(String layer, String arg, int top, int bottom, int left, int right) {
        Margins m = new Margins(top, bottom, left, right);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("Invalid value for argument " + arg + " of " + layer
                    + ": expected non-negative integers. Received: " + arg + "=" + m);
        }
        return m;
    }

    /**
     * The margins under {@code key} of a config, in any of Keras' three forms, or {@code fallback}
     * on every side when absent.
     *
     * @throws IllegalArgumentException echoing the value when it has none of the forms
     */
    static Margins fromConfig(Map<String, Object> config, String key, String layer, int fallback) {
        Object v = config.get(key);
        if (v == null) {
            return of(layer, key, fallback, fallback, fallback, fallback);
        }
        if (v instanceof Number n) {
            return of(layer, key, n.intValue(), n.intValue(), n.intValue(), n.intValue());
        }
        if (v instanceof List<?> list && list.size() == 2) {
            if (list.get(0) instanceof Number h && list.get(1) instanceof Number w) {
                return of(layer, key, h.intValue(), h.intValue(), w.intValue(), w.intValue());
            }
            if (list.get(0) instanceof List<?> h && list.get(1) instanceof List<?> w && h.size() == 2 && w.size() == 2
                    && h.get(0) instanceof Number t && h.get(1) instanceof Number b
                    && w.get(0) instanceof Number l && w.get(1) instanceof Number r) {
                return of(layer, key, t.intValue(), b.intValue(), l.intValue(), r.intValue());
            }
        }
        throw new IllegalArgumentException("`" + key + "` of " + layer + " should be either an int, a tuple of 2 ints "
                + "(height, width), or a tuple of 2 tuples of 2 ints ((top, bottom), (left, right)). Received: "
                + key + "=" + v);
    }

    /** Keras' config form, {@code [[top, bottom], [left, right]]}. */
    List<List<Integer>> toConfig() {
        return List.of(List.of(top, bottom), List.of(left, right));
    }

    /** Keras' tuple form, {@code ((top, bottom), (left, right))}, as its messages echo it. */
    @Override
    public String toString() {
        return "((" + top + ", " + bottom + "), (" + left + ", " + right + "))";
    }
}
