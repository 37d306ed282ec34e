package dev.lamina.backend.onednn;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.PoolingKernels;
import dev.lamina.backend.Window2d;
import dev.lamina.backend.nd4j.Nd4jPoolingKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pooling on the CPU in float32. Max pooling whose gradient will be wanted runs oneDNN's
 * primitives, which keep the winners from the forward pass for the backward pass
 * ({@link MaxPooling}); inference max pooling and average pooling run libnd4j's ops.
 */
public final class OneDnnPoolingKernels implements PoolingKernels {

    /** The one instance. */
    public static final OneDnnPoolingKernels INSTANCE = new OneDnnPoolingKernels();

    private static final Nd4jPoolingKernels LIBND4J = Nd4jPoolingKernels.INSTANCE;

    private OneDnnPoolingKernels() {
    }

    /** @return oneDNN's workspace when {@code forBackward}, else {@code null} */
    @Override
    public INDArray maxPool2d(INDArray x, INDArray y, Window2d window, boolean forBackward) {
        if (!forBackward) {
            return LIBND4J.maxPool2d(x, y, window, false);
        }
        return MaxPooling.forward(ArrayArena.rowMajor(x), y, window.size(), window.strides(), window.padBefore(),
                window.padAfter());
    }

    @Override
    public void maxPool2dBackward(INDArray x, INDArray dy, INDArray state, INDArray dx, Window2d window) {
        if (state == null) {
            LIBND4J.maxPool2dBackward(x, dy, null, dx, window);
            return;
        }
        // oneDNN reads only the input's shape here; the winners are in the workspace.
        MaxPooling.backward(x, ArrayArena.rowMajor(dy), state, dx, window.size(), window.strides(),
                window.padBefore(), window.padAfter());
    }

    @Override
    public void avgPool2d(INDArray x, INDArray y, Window2d window) {
        LIBND4J.avgPool2d(x, y, window);
    }

    @Override
    public void avgPool2dBackward(INDArray x, INDArray dy, INDArray dx, Window2d window) {
        LIBND4J.avgPool2dBackward(x, dy, dx, window);
    }
}
