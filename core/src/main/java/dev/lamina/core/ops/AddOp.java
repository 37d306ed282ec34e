package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise addition with NumPy broadcasting. */
public final class AddOp {

    private AddOp() {
    }

    /**
     * {@code a + b}.
     *
     * @param a left operand
     * @param b right operand, broadcastable against {@code a}
     * @return the sum, of the broadcast shape
     */
    public static Tensor apply(Tensor a, Tensor b) {
        INDArray y = ElementWise.add(a.value(), b.value());
        long[] sa = a.shape();
        long[] sb = b.shape();
        return Tensor.record("add", y, (dy, needs) -> new INDArray[] {
            needs[0] ? Broadcasting.reduceTo(dy, sa) : null,
            needs[1] ? Broadcasting.reduceTo(dy, sb) : null}, a, b).resultUnreadByBackward();
    }

    /**
     * {@code a + b} written over a's own array, which the result then holds. The caller promises
     * that nothing reads a's value afterwards: the addition is a's only reader, and
     * {@link Tensor#isResultUnreadByBackward()} holds for a (the addition's backward reads
     * neither operand).
     *
     * @param a the left operand, whose value is overwritten
     * @param b the right operand, of a's shape and type
     * @return the sum, sharing a's array
     * @throws IllegalArgumentException when a's op may still read it, or the shapes or types differ
     */
    public static Tensor applyOverwriting(Tensor a, Tensor b) {
        if (!a.isResultUnreadByBackward()) {
            throw new IllegalArgumentException("add cannot overwrite " + a + ": its op's backward rule reads it");
        }
        INDArray av = a.value();
        INDArray bv = b.value();
        if (av.dataType() != bv.dataType() || !Arrays.equals(av.shape(), bv.shape())) {
            throw ShapeChecks.error("add", "cannot add in place: shapes " + ShapeChecks.str(av) + " and "
                    + ShapeChecks.str(bv) + " (types " + av.dataType() + ", " + bv.dataType() + ") must be equal");
        }
        ElementWise.addInPlace(av, bv);
        return Tensor.record("add", av, (dy, needs) -> new INDArray[] {needs[0] ? dy : null, needs[1] ? dy : null},
                a, b).resultUnreadByBackward();
    }
}
