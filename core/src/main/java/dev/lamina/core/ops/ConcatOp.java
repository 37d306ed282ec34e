package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Concatenation along one axis: Keras' {@code ops.concatenate} and the Concatenate layer, through
 * the {@link dev.lamina.backend.ArrayKernels} chosen for the inputs.
 */
public final class ConcatOp {

    private static final String NAME = "concatenate";

    private ConcatOp() {
    }

    /**
     * Joins tensors along an axis.
     *
     * @param axis the axis; negative counts from the end, {@code -1} being the last as in Keras
     * @param xs the tensors, at least one: same rank and data type, same sizes except along
     *     {@code axis}
     * @return the concatenation, whose size along {@code axis} is the sum of the inputs'
     * @throws IllegalArgumentException naming the axis and the shapes when they do not fit
     */
    public static Tensor apply(int axis, Tensor... xs) {
        if (xs == null || xs.length == 0) {
            throw ShapeChecks.error(NAME, "needs at least one input, got none");
        }
        Tensor[] inputs = xs.clone();
        INDArray[] values = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw ShapeChecks.error(NAME, "input " + i + " is null");
            }
            values[i] = inputs[i].value();
        }
        int a = checkedAxis(axis, values);
        long[] shape = values[0].shape().clone();
        shape[a] = 0;
        for (INDArray v : values) {
            shape[a] += v.size(a);
        }
        INDArray y = ArrayArena.uninitialized(values[0].dataType(), shape);
        Kernels.arrays(values[0]).concat(values, a, y);
        // Each input's gradient is its block of dy: slice arguments made once, here.
        long[][] blocks = new long[values.length][];
        long offset = 0;
        for (int i = 0; i < values.length; i++) {
            long[] s = values[i].shape();
            blocks[i] = new long[2 * s.length];
            blocks[i][a] = offset;
            System.arraycopy(s, 0, blocks[i], s.length, s.length);
            offset += s[a];
        }
        return Tensor.record(NAME, y, (dy, needs) -> {
            INDArray[] grads = new INDArray[blocks.length];
            for (int i = 0; i < blocks.length; i++) {
                grads[i] = needs[i] ? Slices.slice(dy, blocks[i]) : null;
            }
            return grads;
        }, inputs);
    }

    /**
     * {@link #apply(int, Tensor...)} for a list.
     *
     * @param axis the axis; negative counts from the end
     * @param xs the tensors, at least one
     * @return the concatenation
     * @throws IllegalArgumentException naming the axis and the shapes when they do not fit
     */
    public static Tensor apply(int axis, List<Tensor> xs) {
        if (xs == null) {
            throw ShapeChecks.error(NAME, "needs at least one input, got none");
        }
        return apply(axis, xs.toArray(new Tensor[0]));
    }

    /** The axis as a non-negative index, after checking that every input fits the first. */
    private static int checkedAxis(int axis, INDArray[] values) {
        INDArray first = values[0];
        int rank = first.rank();
        if (rank == 0) {
            throw ShapeChecks.error(NAME, "cannot concatenate scalars (shape [])");
        }
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw ShapeChecks.error(NAME, "axis " + axis + " is out of range for inputs of rank " + rank + " (shape "
                    + ShapeChecks.str(first) + ")");
        }
        for (int i = 1; i < values.length; i++) {
            INDArray v = values[i];
            if (v.dataType() != first.dataType()) {
                throw ShapeChecks.error(NAME, "inputs must have one data type, got " + first.dataType() + " (input 0) and "
                        + v.dataType() + " (input " + i + ")");
            }
            boolean fits = v.rank() == rank;
            for (int d = 0; fits && d < rank; d++) {
                fits = d == a || v.size(d) == first.size(d);
            }
            if (!fits) {
                throw ShapeChecks.error(NAME, "inputs must have matching shapes except along axis " + axis + ", got "
                        + ShapeChecks.str(first) + " (input 0) and " + ShapeChecks.str(v) + " (input " + i + ")");
            }
        }
        return a;
    }
}
