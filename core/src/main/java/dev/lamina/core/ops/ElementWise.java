package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.ElementwiseKernels;
import dev.lamina.backend.dispatch.Kernels;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise ops shared by the op fronts: the output made here, the arithmetic done by the
 * {@link ElementwiseKernels} chosen for the (first) operand.
 */
final class ElementWise {

    /** One of {@link ElementwiseKernels}' binary ops, named by a method reference. */
    @FunctionalInterface
    interface Binary {

        /** Writes {@code op(a, b)} into {@code out} with {@code kernels}. */
        void apply(ElementwiseKernels kernels, INDArray a, INDArray b, INDArray out);
    }

    private ElementWise() {
    }

    /** {@code op(a, b)} with NumPy broadcasting into a new array of a's type. */
    static INDArray binary(String opName, Binary op, INDArray a, INDArray b) {
        long[] shape = Broadcasting.resultShape(opName, a, b);
        INDArray out = ArrayArena.uninitialized(a.dataType(), shape);
        op.apply(Kernels.elementwise(a), a, b, out);
        return out;
    }

    static INDArray mul(INDArray a, INDArray b) {
        return binary("multiply", ElementwiseKernels::multiply, a, b);
    }

    static INDArray div(INDArray a, INDArray b) {
        return binary("divide", ElementwiseKernels::divide, a, b);
    }

    static INDArray add(INDArray a, INDArray b) {
        return binary("add", ElementwiseKernels::add, a, b);
    }

    static INDArray sub(INDArray a, INDArray b) {
        return binary("subtract", ElementwiseKernels::subtract, a, b);
    }

    /** {@code a += b}, b broadcastable to a, in a's memory (element-wise kernels allow it). */
    static void addInPlace(INDArray a, INDArray b) {
        Kernels.elementwise(a).add(a, b, a);
    }

    /** {@code a *= b}, b broadcastable to a, in a's memory. */
    static void mulInPlace(INDArray a, INDArray b) {
        Kernels.elementwise(a).multiply(a, b, a);
    }

    /** {@code exp(x)} into a new array. */
    static INDArray exp(INDArray x) {
        INDArray out = like(x);
        Kernels.elementwise(x).exp(x, out);
        return out;
    }

    /** {@code log(x)} into a new array. */
    static INDArray log(INDArray x) {
        INDArray out = like(x);
        Kernels.elementwise(x).log(x, out);
        return out;
    }

    /** {@code -x} into a new array. */
    static INDArray neg(INDArray x) {
        INDArray out = like(x);
        Kernels.elementwise(x).negate(x, out);
        return out;
    }

    /** {@code x = -x}, in x's memory. */
    static void negInPlace(INDArray x) {
        Kernels.elementwise(x).negate(x, x);
    }

    /** {@code x} limited to {@code [min, max]}, into a new array. */
    static INDArray clip(INDArray x, double min, double max) {
        INDArray out = like(x);
        Kernels.elementwise(x).clip(x, min, max, out);
        return out;
    }

    /** {@code a == b} with NumPy broadcasting, into a new boolean array. */
    static INDArray equal(String opName, INDArray a, INDArray b) {
        INDArray mask = ArrayArena.uninitialized(DataType.BOOL, Broadcasting.resultShape(opName, a, b));
        Kernels.elementwise(a).equal(a, b, mask);
        return mask;
    }

    private static INDArray like(INDArray x) {
        return ArrayArena.uninitialized(x.dataType(), x.shape());
    }
}
