package dev.lamina.backend.onednn;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.ConvolutionKernels;
import dev.lamina.backend.Window2d;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolution on the CPU in float32 through oneDNN's forward, backward-data and backward-weights
 * primitives ({@link Convolution}), activations kept channels-last: libnd4j's conv2d_bp reorders
 * the input, the output gradient and the input gradient to a blocked layout and back on every call.
 */
public final class OneDnnConvolutionKernels implements ConvolutionKernels {

    /** The one instance. */
    public static final OneDnnConvolutionKernels INSTANCE = new OneDnnConvolutionKernels();

    private OneDnnConvolutionKernels() {
    }

    @Override
    public void conv2d(INDArray x, INDArray w, INDArray b, INDArray y, Window2d window) {
        Convolution.forward(x, w, b, y, window.strides(), window.padBefore(), window.padAfter());
    }

    /** Runs each of the two backward primitives only when its gradients are wanted. */
    @Override
    public INDArray[] conv2dBackward(INDArray x, INDArray w, INDArray b, INDArray dy, Window2d window,
            boolean[] needs) {
        INDArray dyd = ArrayArena.rowMajor(dy);
        INDArray dx = needs[0] ? ArrayArena.uninitialized(x.dataType(), x.shape()) : null;
        boolean kernelGradients = needs[1] || (b != null && needs[2]);
        INDArray dw = kernelGradients ? ArrayArena.uninitialized(w.dataType(), w.shape()) : null;
        INDArray db = kernelGradients && b != null ? ArrayArena.uninitialized(b.dataType(), b.shape()) : null;
        Convolution.backward(x, w, b != null, dyd, window.strides(), window.padBefore(), window.padAfter(), dx, dw,
                db);
        return b == null ? new INDArray[] {dx, dw} : new INDArray[] {dx, dw, db};
    }
}
