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
     * odd cell after), for ops that take explicit padding. The arrays are shared between calls with
     * the same geometry (a layer's every step), so callers must not change them.
     *
     * @param x the {@code [N, H, W, C]} input
     * @param windowH the kernel or pool height
     * @param windowW the kernel or pool width
     * @param strides {@code {sH, sW}}
     * @param y the {@code [N, oH, oW, C']} output
     * @return {@code {{top, left}, {bottom, right}}}
     */
    static long[][] explicit(INDArray x, long windowH, long windowW, int[] strides, INDArray y) {
        return RECENT.get().padding(x.size(1), x.size(2), windowH, windowW, strides[0], strides[1], y.size(1),
                y.size(2));
    }

    private static final ThreadLocal<Recent> RECENT = ThreadLocal.withInitial(Recent::new);

    /**
     * A thread's last few padding geometries and their explicit padding: a fresh pair of arrays per
     * layer call was a sizeable share of a training step's Java garbage.
     */
    private static final class Recent {
        private static final int KEPT = 8;
        private static final int FIELDS = 8;
        /** Entry i's input height and width, window, strides, output height and width. */
        private final long[] geometries = new long[KEPT * FIELDS];
        private final long[][][] paddings = new long[KEPT][][];
        private int next;

        long[][] padding(long inH, long inW, long windowH, long windowW, long strideH, long strideW, long outH,
                long outW) {
            for (int i = 0; i < KEPT; i++) {
                int g = i * FIELDS;
                if (paddings[i] != null && geometries[g] == inH && geometries[g + 1] == inW
                        && geometries[g + 2] == windowH && geometries[g + 3] == windowW
                        && geometries[g + 4] == strideH && geometries[g + 5] == strideW
                        && geometries[g + 6] == outH && geometries[g + 7] == outW) {
                    return paddings[i];
                }
            }
            long totalH = Math.max((outH - 1) * strideH + windowH - inH, 0);
            long totalW = Math.max((outW - 1) * strideW + windowW - inW, 0);
            long[][] padding = {{totalH / 2, totalW / 2}, {totalH - totalH / 2, totalW - totalW / 2}};
            int g = next * FIELDS;
            geometries[g] = inH;
            geometries[g + 1] = inW;
            geometries[g + 2] = windowH;
            geometries[g + 3] = windowW;
            geometries[g + 4] = strideH;
            geometries[g + 5] = strideW;
            geometries[g + 6] = outH;
            geometries[g + 7] = outW;
            paddings[next] = padding;
            next = (next + 1) % KEPT;
            return padding;
        }
    }

    /** libnd4j's paddingMode argument: 0 valid, 1 same. */
    long nativeMode() {
        return this == SAME ? 1 : 0;
    }
}
