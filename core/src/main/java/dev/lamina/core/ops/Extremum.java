package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shared front of element-wise maximum and minimum with NumPy broadcasting. The gradient goes
 * to {@code a} where {@code a} wins or ties and to {@code b} elsewhere, TensorFlow's convention:
 * libnd4j's {@code maximum_bp} gives a tie's gradient to both operands, which double-counts it.
 */
final class Extremum {

    private Extremum() {
    }

    /**
     * {@code op(a, b)}, recording the backward rule.
     *
     * @param name the op's name, for messages and the tape
     * @param op the kernels' {@code maximum} or {@code minimum}
     * @param aWins the kernels' comparison that holds where {@code a} gets the gradient
     *     ({@code greaterEqual} or {@code lessEqual})
     */
    static Tensor apply(String name, ElementWise.Binary op, ElementWise.Binary aWins, Tensor a, Tensor b) {
        INDArray av = a.value();
        INDArray bv = b.value();
        if (av.dataType() != bv.dataType()) {
            throw ShapeChecks.error(name, "operands must have one data type, got " + av.dataType() + " and "
                    + bv.dataType() + " (shapes " + ShapeChecks.str(av) + " and " + ShapeChecks.str(bv) + ")");
        }
        INDArray y = ElementWise.binary(name, op, av, bv);
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record(name, y, (dy, needs) -> {
            INDArray mask = ArrayArena.uninitialized(DataType.BOOL, dy.shape());
            aWins.apply(Kernels.elementwise(av), av, bv, mask);
            // The kernels multiply by a boolean array as by 0 and 1, in dy's type.
            INDArray da = ElementWise.mul(dy, mask);
            INDArray db = needs[1] ? ElementWise.sub(dy, da) : null;
            return new INDArray[] {needs[0] ? Broadcasting.reduceTo(da, sa) : null,
                    db == null ? null : Broadcasting.reduceTo(db, sb)};
        }, a, b);
    }
}
