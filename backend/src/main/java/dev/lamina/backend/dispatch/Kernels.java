package dev.lamina.backend.dispatch;

import dev.lamina.backend.ActivationKernels;
import dev.lamina.backend.ArrayKernels;
import dev.lamina.backend.ConvolutionKernels;
import dev.lamina.backend.ElementwiseKernels;
import dev.lamina.backend.LossKernels;
import dev.lamina.backend.MatMulKernels;
import dev.lamina.backend.PoolingKernels;
import dev.lamina.backend.ReductionKernels;
import dev.lamina.backend.nd4j.Nd4jActivationKernels;
import dev.lamina.backend.nd4j.Nd4jArrayKernels;
import dev.lamina.backend.nd4j.Nd4jConvolutionKernels;
import dev.lamina.backend.nd4j.Nd4jElementwiseKernels;
import dev.lamina.backend.nd4j.Nd4jLossKernels;
import dev.lamina.backend.nd4j.Nd4jMatMulKernels;
import dev.lamina.backend.nd4j.Nd4jPoolingKernels;
import dev.lamina.backend.nd4j.Nd4jReductionKernels;
import dev.lamina.backend.onednn.OneDnn;
import dev.lamina.backend.onednn.OneDnnActivationKernels;
import dev.lamina.backend.onednn.OneDnnConvolutionKernels;
import dev.lamina.backend.onednn.OneDnnMatMulKernels;
import dev.lamina.backend.onednn.OneDnnPoolingKernels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one place that chooses which kernels run on given arrays: oneDNN's where
 * {@link OneDnn#supports} holds for all of them (ND4J's CPU backend, float32, not turned off),
 * libnd4j's otherwise (every data type, any backend, CUDA included). Element-wise, reduction,
 * array-copy and loss kernels have only libnd4j's implementation today; they take the arrays
 * all the same, so a faster one can join here without touching the ops. Overloads per array count
 * spare an arguments array on every op call.
 */
public final class Kernels {

    private Kernels() {
    }

    /**
     * Convolution kernels for a forward call.
     *
     * @param x the input
     * @param w the kernel
     * @return the kernels to use
     */
    public static ConvolutionKernels convolution(INDArray x, INDArray w) {
        return OneDnn.supports(x, w) ? OneDnnConvolutionKernels.INSTANCE : Nd4jConvolutionKernels.INSTANCE;
    }

    /**
     * Convolution kernels for a backward call.
     *
     * @param x the forward input
     * @param w the kernel
     * @param dy the output's gradient
     * @return the kernels to use
     */
    public static ConvolutionKernels convolution(INDArray x, INDArray w, INDArray dy) {
        return OneDnn.supports(x, w, dy) ? OneDnnConvolutionKernels.INSTANCE : Nd4jConvolutionKernels.INSTANCE;
    }

    /**
     * Pooling kernels for an input.
     *
     * @param x the input
     * @return the kernels to use
     */
    public static PoolingKernels pooling(INDArray x) {
        return OneDnn.supports(x) ? OneDnnPoolingKernels.INSTANCE : Nd4jPoolingKernels.INSTANCE;
    }

    /**
     * Activation kernels for one array.
     *
     * @param x the array
     * @return the kernels to use
     */
    public static ActivationKernels activations(INDArray x) {
        return OneDnn.supports(x) ? OneDnnActivationKernels.INSTANCE : Nd4jActivationKernels.INSTANCE;
    }

    /**
     * Activation kernels for two arrays (a backward call's output and gradient).
     *
     * @param y the first array
     * @param dy the second array
     * @return the kernels to use
     */
    public static ActivationKernels activations(INDArray y, INDArray dy) {
        return OneDnn.supports(y, dy) ? OneDnnActivationKernels.INSTANCE : Nd4jActivationKernels.INSTANCE;
    }

    /**
     * Matrix-product kernels for two operands.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the kernels to use
     */
    public static MatMulKernels matmul(INDArray a, INDArray b) {
        return OneDnn.supports(a, b) ? OneDnnMatMulKernels.INSTANCE : Nd4jMatMulKernels.INSTANCE;
    }

    /**
     * Reduction kernels for an input: libnd4j's for every array.
     *
     * @param x the input
     * @return the kernels to use
     */
    public static ReductionKernels reductions(INDArray x) {
        return Nd4jReductionKernels.INSTANCE;
    }

    /**
     * Element-wise kernels for an operand: libnd4j's for every array.
     *
     * @param a the (first) operand
     * @return the kernels to use
     */
    public static ElementwiseKernels elementwise(INDArray a) {
        return Nd4jElementwiseKernels.INSTANCE;
    }

    /**
     * Array-copy kernels for an input: libnd4j's for every array.
     *
     * @param x the (first) input
     * @return the kernels to use
     */
    public static ArrayKernels arrays(INDArray x) {
        return Nd4jArrayKernels.INSTANCE;
    }

    /**
     * Loss kernels for the predictions: libnd4j's for every array.
     *
     * @param predictions the predictions (logits or probabilities)
     * @return the kernels to use
     */
    public static LossKernels losses(INDArray predictions) {
        return Nd4jLossKernels.INSTANCE;
    }
}
