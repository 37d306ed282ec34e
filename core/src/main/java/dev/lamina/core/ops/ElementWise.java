package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.NativeOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Native element-wise kernels shared by the ops: broadcasting binary ops and unary transforms. */
final class ElementWise {

    static final NativeOp ADD = new NativeOp("add");
    static final NativeOp SUBTRACT = new NativeOp("subtract");
    static final NativeOp MULTIPLY = new NativeOp("multiply");
    static final NativeOp DIVIDE = new NativeOp("divide");

    private ElementWise() {
    }

    /** {@code op(a, b)} with NumPy broadcasting into a new array. */
    static INDArray binary(String opName, NativeOp op, INDArray a, INDArray b) {
        long[] shape = Broadcasting.resultShape(opName, a, b);
        INDArray out = ArrayArena.uninitialized(a.dataType(), shape);
        op.exec(a, b, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        return out;
    }

    static INDArray mul(INDArray a, INDArray b) {
        return binary("multiply", MULTIPLY, a, b);
    }

    static INDArray div(INDArray a, INDArray b) {
        return binary("divide", DIVIDE, a, b);
    }

    static INDArray add(INDArray a, INDArray b) {
        return binary("add", ADD, a, b);
    }

    static INDArray sub(INDArray a, INDArray b) {
        return binary("subtract", SUBTRACT, a, b);
    }

    /** {@code a += b} for arrays of one shape, in a's memory (element-wise kernels allow it). */
    static void addInPlace(INDArray a, INDArray b) {
        ADD.exec(a, b, a, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    /** A one-input, one-output native op without float arguments into a new array of the input's shape. */
    static INDArray unary(NativeOp op, INDArray x) {
        return unary(op, x, NativeOp.NO_TARGS);
    }

    /** A one-input, one-output native op into a new array of the input's shape. */
    static INDArray unary(NativeOp op, INDArray x, double[] targs) {
        INDArray out = ArrayArena.uninitialized(x.dataType(), x.shape());
        op.exec(x, out, NativeOp.NO_IARGS, targs);
        return out;
    }

    /** A native {@code *_bp} op of the form (x, dy) → dx. */
    static INDArray unaryBackward(NativeOp op, INDArray x, INDArray dy) {
        INDArray dx = ArrayArena.uninitialized(x.dataType(), x.shape());
        op.exec(x, dy, dx, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        return dx;
    }
}
