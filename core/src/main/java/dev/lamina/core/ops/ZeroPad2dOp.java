package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Zero padding of height and width, channels-last: Keras' ZeroPadding2D. */
public final class ZeroPad2dOp {

    private static final String NAME = "zero_padding2d";

    private ZeroPad2dOp() {
    }

    /**
     * Adds rows and columns of zeros around each image.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @param top rows of zeros above
     * @param bottom rows of zeros below
     * @param left columns of zeros on the left
     * @param right columns of zeros on the right
     * @return the {@code [N, top + H + bottom, left + W + right, C]} tensor
     * @throws IllegalArgumentException for an input not of rank 4 or a negative padding
     */
    public static Tensor apply(Tensor x, int top, int bottom, int left, int right) {
        INDArray xv = x.value();
        ShapeChecks.requireRank(NAME, "input", xv, 4);
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw ShapeChecks.error(NAME, "padding must not be negative, got (top, bottom, left, right) = (" + top + ", "
                    + bottom + ", " + left + ", " + right + ") for input shape " + ShapeChecks.str(xv));
        }
        INDArray y = Slices.pad(xv, top, bottom, left, right);
        // The gradient is the part of dy that covers the input: dy without the padded border.
        long[] inside = Slices.interior(y.shape(), top, bottom, left, right);
        return Tensor.record(NAME, y, dy -> Slices.slice(dy, inside), x);
    }
}
