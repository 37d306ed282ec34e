package dev.lamina.core.ops;

import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /**
     * The padding before and after the input along each spatial axis, as TensorFlow places it (the
     * odd cell after), for ops that take explicit padding.
     *
     * @param x the {@code [N, H, W, C]} input
     * @param window {@code {kH, kW}}
     * @param strides {@code {sH, sW}}
     * @param y the {@code [N, oH, oW, C']} output
     * @return {@code {{top, left}, {bottom, right}}}
     */
    static long[][] explicit(INDArray x, int[] window, int[] strides, INDArray y) {
        long[] before = new long[2];
        long[] after = new long[2];
        for (int axis = 0; axis < 2; axis++) {
            long total = Math.max((y.size(axis + 1) - 1) * strides[axis] + window[axis] - x.size(axis + 1), 0);
            before[axis] = total / 2;
            after[axis] = total - before[axis];
        }
        return new long[][] {before, after};
    }

    /** libnd4j's paddingMode argument: 0 valid, 1 same. */
    long nativeMode() {
        return this == SAME ? 1 : 0;
    }
}
