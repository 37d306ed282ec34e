package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies that rearrange arrays without arithmetic: broadcasting, concatenation, blocks cut out and
 * zero padding. Each writes into an output the caller made; inputs may be any view.
 */
public interface ArrayKernels {

    /**
     * Writes {@code a} repeated along its size-1 (and missing leading) axes to fill {@code out}.
     *
     * @param a the array, broadcastable to out's shape
     * @param out the output to write
     */
    void broadcastTo(INDArray a, INDArray out);

    /**
     * Writes the inputs one after another along {@code axis}.
     *
     * @param xs the inputs: one rank and data type, the same sizes except along {@code axis}
     * @param axis the axis, non-negative
     * @param out the output to write, whose size along {@code axis} is the sum of the inputs'
     */
    void concat(INDArray[] xs, int axis, INDArray out);

    /**
     * Writes the block of {@code x} that starts at given offsets.
     *
     * @param x the array
     * @param beginAndSize the begin offsets, one per axis, then the block's sizes (out's shape)
     * @param out the block to write
     */
    void slice(INDArray x, long[] beginAndSize, INDArray out);

    /**
     * Writes {@code x} (NHWC) with zero rows above and below and zero columns left and right.
     *
     * @param x the {@code [N, H, W, C]} array
     * @param top rows above
     * @param bottom rows below
     * @param left columns on the left
     * @param right columns on the right
     * @param out the {@code [N, top + H + bottom, left + W + right, C]} output to write
     */
    void zeroPad2d(INDArray x, int top, int bottom, int left, int right, INDArray out);
}
