package dev.lamina.core.ops;

import java.util.Locale;

/** Keras' padding modes for convolution and pooling, with TensorFlow's rule for {@code same}. */
public enum Padding {
    /** No padding: windows that do not fit wholly inside the input are dropped. */
    VALID,
    /** Output size {@code ceil(in / stride)}; the smaller half of the padding goes top/left. */
    SAME;

    /**
     * Parses Keras' string.
     *
     * @param name {@code "valid"} or {@code "same"}, any case
     * @return the mode
     * @throws IllegalArgumentException naming the valid values
     */
    public static Padding of(String name) {
        if (name != null) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "valid":
                    return VALID;
                case "same":
                    return SAME;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("Invalid padding: expected one of \"valid\", \"same\". Received: padding="
                + name);
    }

    /**
     * Keras' name.
     *
     * @return {@code "valid"} or {@code "same"}
     */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Output size along one spatial axis.
     *
     * @param in input size
     * @param window kernel or pool size
     * @param stride stride
     * @return the output size (may be &lt;= 0 for a valid window larger than the input)
     */
    public long outputSize(long in, long window, long stride) {
        return this == SAME ? (in + stride - 1) / stride : Math.floorDiv(in - window, stride) + 1;
    }
}
