package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise arithmetic and comparisons with NumPy broadcasting, unary transforms, and the
 * per-channel bias add. Each writes into an output of the operands' broadcast shape (a unary one's
 * of its input's shape), which may be the first operand itself when that already has that shape
 * (the kernels work in place).
 */
public interface ElementwiseKernels {

    /**
     * Writes {@code a + b}.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param out the output to write, of the broadcast shape
     */
    void add(INDArray a, INDArray b, INDArray out);

    /**
     * Writes {@code a - b}.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param out the output to write, of the broadcast shape
     */
    void subtract(INDArray a, INDArray b, INDArray out);

    /**
     * Writes {@code a * b}; a boolean operand counts as 0 and 1 in the other's type.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param out the output to write, of the broadcast shape
     */
    void multiply(INDArray a, INDArray b, INDArray out);

    /**
     * Writes {@code a / b}.
     *
     * @param a the dividend
     * @param b the divisor, broadcastable against {@code a}
     * @param out the output to write, of the broadcast shape
     */
    void divide(INDArray a, INDArray b, INDArray out);

    /**
     * Writes {@code max(a, b)}.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param out the output to write, of the broadcast shape
     */
    void maximum(INDArray a, INDArray b, INDArray out);

    /**
     * Writes {@code min(a, b)}.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param out the output to write, of the broadcast shape
     */
    void minimum(INDArray a, INDArray b, INDArray out);

    /**
     * Writes {@code a >= b}.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param mask the boolean output to write, of the broadcast shape
     */
    void greaterEqual(INDArray a, INDArray b, INDArray mask);

    /**
     * Writes {@code a <= b}.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param mask the boolean output to write, of the broadcast shape
     */
    void lessEqual(INDArray a, INDArray b, INDArray mask);

    /**
     * Writes {@code a == b}.
     *
     * @param a the left operand
     * @param b the right operand, broadcastable against {@code a}
     * @param mask the boolean output to write, of the broadcast shape
     */
    void equal(INDArray a, INDArray b, INDArray mask);

    /**
     * Writes {@code exp(x)}.
     *
     * @param x the input
     * @param out the output to write, of x's shape; may be x itself
     */
    void exp(INDArray x, INDArray out);

    /**
     * Writes the natural logarithm of {@code x}.
     *
     * @param x the input
     * @param out the output to write, of x's shape; may be x itself
     */
    void log(INDArray x, INDArray out);

    /**
     * Writes {@code -x}.
     *
     * @param x the input
     * @param out the output to write, of x's shape; may be x itself
     */
    void negate(INDArray x, INDArray out);

    /**
     * Writes {@code x} limited to {@code [min, max]}: {@code min(max(x, min), max)}.
     *
     * @param x the input
     * @param min the lower bound
     * @param max the upper bound, at least {@code min}
     * @param out the output to write, of x's shape; may be x itself
     */
    void clip(INDArray x, double min, double max, INDArray out);

    /**
     * Writes {@code x + bias}, the bias running along the last axis (channels-last).
     *
     * @param x an array of rank ≥ 2
     * @param bias a vector as long as x's last axis
     * @param out the output to write, of x's shape; may be x itself
     */
    void biasAdd(INDArray x, INDArray bias, INDArray out);
}
