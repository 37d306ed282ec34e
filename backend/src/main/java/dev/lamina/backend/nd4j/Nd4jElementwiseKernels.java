package dev.lamina.backend.nd4j;

import dev.lamina.backend.ElementwiseKernels;
import dev.lamina.backend.NativeOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise arithmetic through libnd4j's broadcastable ops, and unary transforms through ND4J's
 * legacy transform and scalar ops (the ones {@code Transforms} and {@code INDArray.neg} run), for
 * every data type and backend.
 */
public final class Nd4jElementwiseKernels implements ElementwiseKernels {

    /** The one instance. */
    public static final Nd4jElementwiseKernels INSTANCE = new Nd4jElementwiseKernels();

    private static final NativeOp ADD = new NativeOp("add");
    private static final NativeOp SUBTRACT = new NativeOp("subtract");
    private static final NativeOp MULTIPLY = new NativeOp("multiply");
    private static final NativeOp DIVIDE = new NativeOp("divide");
    private static final NativeOp MAXIMUM = new NativeOp("maximum");
    private static final NativeOp MINIMUM = new NativeOp("minimum");
    private static final NativeOp GREATER_EQUAL = new NativeOp("greater_equal");
    private static final NativeOp LESS_EQUAL = new NativeOp("less_equal");
    private static final NativeOp EQUALS = new NativeOp("equals");
    /** One pass with both bounds as arguments: ND4J's scalar min and max made a scalar array each. */
    private static final NativeOp CLIP = new NativeOp("clipbyvalue");
    /** Without its boolean argument (nchw) biasadd runs along the last axis. */
    private static final NativeOp BIASADD = new NativeOp("biasadd");

    private Nd4jElementwiseKernels() {
    }

    @Override
    public void add(INDArray a, INDArray b, INDArray out) {
        ADD.exec(a, b, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void subtract(INDArray a, INDArray b, INDArray out) {
        SUBTRACT.exec(a, b, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void multiply(INDArray a, INDArray b, INDArray out) {
        MULTIPLY.exec(a, b, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void divide(INDArray a, INDArray b, INDArray out) {
        DIVIDE.exec(a, b, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void maximum(INDArray a, INDArray b, INDArray out) {
        MAXIMUM.exec(a, b, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void minimum(INDArray a, INDArray b, INDArray out) {
        MINIMUM.exec(a, b, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void greaterEqual(INDArray a, INDArray b, INDArray mask) {
        GREATER_EQUAL.exec(a, b, mask, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void lessEqual(INDArray a, INDArray b, INDArray mask) {
        LESS_EQUAL.exec(a, b, mask, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void equal(INDArray a, INDArray b, INDArray mask) {
        EQUALS.exec(a, b, mask, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void exp(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new Exp(x, out));
    }

    @Override
    public void log(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new Log(x, out));
    }

    @Override
    public void negate(INDArray x, INDArray out) {
        Nd4j.getExecutioner().exec(new Negative(x, out));
    }

    @Override
    public void clip(INDArray x, double min, double max, INDArray out) {
        CLIP.exec(x, out, NativeOp.NO_IARGS, new double[] {min, max});
    }

    @Override
    public void biasAdd(INDArray x, INDArray bias, INDArray out) {
        BIASADD.exec(x, bias, out, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }
}
