package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Sums and means over axes, each into a new array of the reduced shape. */
public interface ReductionKernels {

    /**
     * Sums {@code x} over {@code axes}.
     *
     * @param x the input
     * @param keepDims whether reduced axes stay as size 1
     * @param axes the axes to reduce, valid and ascending (repeats count once)
     * @return a new array (from the active arena, if any)
     */
    INDArray sum(INDArray x, boolean keepDims, int[] axes);

    /**
     * Averages {@code x} over {@code axes}.
     *
     * @param x the input
     * @param keepDims whether reduced axes stay as size 1
     * @param axes the axes to reduce, valid and ascending (repeats count once)
     * @return a new array (from the active arena, if any)
     */
    INDArray mean(INDArray x, boolean keepDims, int[] axes);
}
