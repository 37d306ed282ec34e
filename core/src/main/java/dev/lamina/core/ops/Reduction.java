package dev.lamina.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The backward of reductions: spreads a reduced gradient back over the reduced axes. */
final class Reduction {

    private Reduction() {
    }

    /**
     * Broadcasts {@code dy} (the gradient of a reduction over {@code axes} of an input of
     * {@code shape}, with or without kept dimensions) back to {@code shape}, times {@code scale}.
     */
    static INDArray spread(INDArray dy, long[] shape, int[] axes, double scale) {
        long[] kept = shape.clone();
        for (int a : axes) {
            kept[a] = 1;
        }
        INDArray expanded = Broadcasting.expand(dy.reshape('c', kept), shape);
        // mul, not muli: when nothing was broadcast, expanded is a view of the caller's gradient.
        return scale == 1.0 ? expanded : expanded.mul(scale);
    }
}
