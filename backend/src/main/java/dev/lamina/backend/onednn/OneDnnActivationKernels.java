package dev.lamina.backend.onednn;

import dev.lamina.backend.ActivationKernels;
import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.nd4j.Nd4jActivationKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Activations on the CPU in float32: the backward passes of relu and tanh in one oneDNN pass from
 * the output, softmax over the last axis of a matrix through oneDNN's primitive; the rest (relu
 * and tanh forward, sigmoid, softmax's backward, softmax of other ranks) through libnd4j's ops,
 * which are as fast there and keep their results.
 */
public final class OneDnnActivationKernels implements ActivationKernels {

    /** The one instance. */
    public static final OneDnnActivationKernels INSTANCE = new OneDnnActivationKernels();

    private static final Nd4jActivationKernels LIBND4J = Nd4jActivationKernels.INSTANCE;

    private OneDnnActivationKernels() {
    }

    @Override
    public void relu(INDArray x, INDArray y) {
        LIBND4J.relu(x, y);
    }

    @Override
    public void reluBackward(INDArray y, INDArray dy, INDArray dx) {
        Eltwise.backward(Eltwise.Activation.RELU, y, ArrayArena.rowMajor(dy), dx);
    }

    @Override
    public void tanh(INDArray x, INDArray y) {
        LIBND4J.tanh(x, y);
    }

    @Override
    public void tanhBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        Eltwise.backward(Eltwise.Activation.TANH, y, ArrayArena.rowMajor(dy), dx);
    }

    @Override
    public void sigmoid(INDArray x, INDArray y) {
        LIBND4J.sigmoid(x, y);
    }

    @Override
    public void sigmoidBackward(INDArray x, INDArray y, INDArray dy, INDArray dx) {
        LIBND4J.sigmoidBackward(x, y, dy, dx);
    }

    @Override
    public void softmax(INDArray x, INDArray y, int axis) {
        if (x.rank() == 2 && axis == 1) {
            Softmax.forward(ArrayArena.rowMajor(x), y);
        } else {
            LIBND4J.softmax(x, y, axis);
        }
    }

    @Override
    public void softmaxBackward(INDArray x, INDArray dy, INDArray dx, int axis) {
        LIBND4J.softmaxBackward(x, dy, dx, axis);
    }
}
