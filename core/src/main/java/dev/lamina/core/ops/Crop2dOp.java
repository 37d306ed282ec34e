package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Cropping of height and width, channels-last: Keras' Cropping2D. */
public final class Crop2dOp {

    private static final String NAME = "cropping2d";

    private Crop2dOp() {
    }

    /**
     * Removes rows and columns from the borders of each image.
     *
     * @param x a {@code [N, H, W, C]} tensor
     * @param top rows removed at the top
     * @param bottom rows removed at the bottom
     * @param left columns removed on the left
     * @param right columns removed on the right
     * @return the {@code [N, H - top - bottom, W - left - right, C]} tensor
     * @throws IllegalArgumentException for an input not of rank 4, a negative crop, or crops that
     *     leave no row or no column
     */
    public static Tensor apply(Tensor x, int top, int bottom, int left, int right) {
        INDArray xv = x.value();
        ShapeChecks.requireRank(NAME, "input", xv, 4);
        String crops = "(top, bottom, left, right) = (" + top + ", " + bottom + ", " + left + ", " + right + ")";
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw ShapeChecks.error(NAME, "cropping must not be negative, got " + crops + " for input shape "
                    + ShapeChecks.str(xv));
        }
        if ((long) top + bottom >= xv.size(1) || (long) left + right >= xv.size(2)) {
            throw ShapeChecks.error(NAME, "cropping " + crops + " leaves no rows or no columns of input shape "
                    + ShapeChecks.str(xv));
        }
        INDArray y = Slices.slice(xv, Slices.interior(xv.shape(), top, bottom, left, right));
        return Tensor.record(NAME, y, dy -> Slices.pad(dy, top, bottom, left, right), x);
    }
}
