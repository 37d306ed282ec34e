package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reshape in row-major (C) order, as NumPy and Keras do. */
public final class ReshapeOp {

    private ReshapeOp() {
    }

    /**
     * The same elements in a new shape.
     *
     * @param x the tensor
     * @param shape the new shape; one entry may be -1 and is then inferred
     * @return the reshaped tensor
     * @throws IllegalArgumentException when the element counts differ
     */
    public static Tensor apply(Tensor x, long... shape) {
        INDArray xv = x.value();
        return record(x, ArrayArena.reshape(xv, resolve(xv, shape)));
    }

    /**
     * {@link #apply(Tensor, long...)} to a matrix, without a shape array (flatten's form).
     *
     * @param x the tensor
     * @param rows the number of rows
     * @param cols the number of columns
     * @return the reshaped tensor
     * @throws IllegalArgumentException when the element counts differ
     */
    static Tensor matrix(Tensor x, long rows, long cols) {
        INDArray xv = x.value();
        if (rows <= 0 || cols <= 0 || rows * cols != xv.length()) {
            return apply(x, rows, cols);
        }
        return record(x, ArrayArena.reshape(xv, rows, cols));
    }

    /** Records {@code y}, a reshaped view of x's value: its gradient is dy in x's shape. */
    private static Tensor record(Tensor x, INDArray y) {
        long[] original = x.value().shape();
        return Tensor.record("reshape", y, dy -> ArrayArena.reshape(dy, original), x);
    }

    private static long[] resolve(INDArray x, long[] shape) {
        long known = 1;
        int infer = -1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1 && infer < 0) {
                infer = i;
            } else if (shape[i] <= 0) {
                throw ShapeChecks.error("reshape", "invalid target shape " + Arrays.toString(shape) + " for input shape "
                        + ShapeChecks.str(x));
            } else {
                known *= shape[i];
            }
        }
        long[] out = shape.clone();
        if (infer >= 0) {
            if (known == 0 || x.length() % known != 0) {
                throw ShapeChecks.error("reshape", "cannot reshape input shape " + ShapeChecks.str(x) + " to "
                        + Arrays.toString(shape));
            }
            out[infer] = x.length() / known;
        } else if (known != x.length()) {
            throw ShapeChecks.error("reshape", "cannot reshape input shape " + ShapeChecks.str(x) + " (" + x.length()
                    + " elements) to " + Arrays.toString(shape) + " (" + known + " elements)");
        }
        return out;
    }
}
