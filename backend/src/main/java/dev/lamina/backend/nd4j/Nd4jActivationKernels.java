package dev.lamina.backend.nd4j;

import dev.lamina.backend.ActivationKernels;
import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.NativeOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/** Activations through libnd4j's ops, for every data type and backend. */
public final class Nd4jActivationKernels implements ActivationKernels {

    /** The one instance. */
    public static final Nd4jActivationKernels INSTANCE = new Nd4jActivationKernels();

    private static final NativeOp RELU = new NativeOp("relu");
    private static final NativeOp TANH = new NativeOp("tanh");
    private static final NativeOp TANH_BP = new NativeOp("tanh_bp");
    private static final NativeOp SIGMOID = new NativeOp("sigmoid");
    private static final NativeOp SIGMOID_BP = new NativeOp("sigmoid_bp");
    private static final NativeOp SOFTMAX = new NativeOp("softmax");
    private static final NativeOp SOFTMAX_BP = new NativeOp("softmax_bp");
    private static final NativeOp MULTIPLY = new NativeOp("multiply");
    /** libnd4j's relu takes its cutoff as a float argument. */
    private static final double[] CUTOFF_ZERO = {0.0};
    /** Axis arguments made once: a fresh array per softmax call was garbage. */
    private static final long[][] AXES = {{0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}};

    private Nd4jActivationKernels() {
    }

    @Override
    public void relu(INDArray x, INDArray y) {
        RELU.exec(x, y, NativeOp.NO_IARGS, CUTOFF_ZERO);
    }

    /**
     * {@code dy * sign(y)}: y = relu(x) is positive exactly where x is, and 0 elsewhere, so its sign
     * is the derivative. Two streaming passes; libnd4j's relu_bp ran several times slower on conv
     * activations.
     */
    @Override
    public void reluBackward(INDArray y, INDArray dy, INDArray dx) {
        INDArray mask = ArrayArena.uninitialized(y.dataType(), y.shape());
        Nd4j.getExecutioner().exec(new Sign(y, mask));
        MULTIPLY.exec(dy, mask, dx, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void tanh(INDArray x, INDArray y) {
        TANH.exec(x, y, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void tanhBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        TANH_BP.exec(x, dy, dx, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void sigmoid(INDArray x, INDArray y) {
        SIGMOID.exec(x, y, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void sigmoidBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        SIGMOID_BP.exec(x, dy, dx, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
    }

    @Override
    public void softmax(INDArray x, INDArray y, int axis) {
        SOFTMAX.exec(x, y, axes(axis), NativeOp.NO_TARGS);
    }

    @Override
    public void softmaxBackward(INDArray x, INDArray dy, INDArray dx, int axis) {
        SOFTMAX_BP.exec(x, dy, dx, axes(axis), NativeOp.NO_TARGS);
    }

    private static long[] axes(int axis) {
        return axis < AXES.length ? AXES[axis] : new long[] {axis};
    }
}
