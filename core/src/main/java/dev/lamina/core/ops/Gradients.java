package dev.lamina.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays that the backward rules of operations with two or three inputs return their input
 * gradients in: one of each length per thread, refilled on every call. The backward pass reads a
 * rule's result before it calls the next rule, so one array serves them all; a new array per rule
 * and training step was garbage that kept the resident set climbing. Between passes the arrays
 * still name the gradients of the last rules of each length that ran (near the model's input:
 * weight-sized, as the input itself needs none).
 */
final class Gradients {

    private static final ThreadLocal<INDArray[][]> ARRAYS =
            ThreadLocal.withInitial(() -> new INDArray[][] {new INDArray[2], new INDArray[3]});

    private Gradients() {
    }

    /**
     * The gradients of two inputs, in this thread's array of two.
     *
     * @param first the first input's gradient, or null where not needed
     * @param second the second input's gradient, or null where not needed
     * @return the array, valid until this thread's next call
     */
    static INDArray[] of(INDArray first, INDArray second) {
        INDArray[] g = ARRAYS.get()[0];
        g[0] = first;
        g[1] = second;
        return g;
    }

    /**
     * The gradients of three inputs, in this thread's array of three.
     *
     * @param first the first input's gradient, or null where not needed
     * @param second the second input's gradient, or null where not needed
     * @param third the third input's gradient, or null where not needed
     * @return the array, valid until this thread's next call
     */
    static INDArray[] of(INDArray first, INDArray second, INDArray third) {
        INDArray[] g = ARRAYS.get()[1];
        g[0] = first;
        g[1] = second;
        g[2] = third;
        return g;
    }
}
