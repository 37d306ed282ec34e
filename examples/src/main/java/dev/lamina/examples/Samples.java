package dev.lamina.examples;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The first samples of an array, for runs limited by {@code --limit} (all of them without it). */
final class Samples {

    private Samples() {
    }

    /** The first {@code limit} samples (all when limit ≤ 0), copied. */
    static INDArray first(INDArray a, int limit) {
        if (limit <= 0 || limit >= a.size(0)) {
            return a;
        }
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        idx[0] = NDArrayIndex.interval(0, limit);
        for (int i = 1; i < idx.length; i++) {
            idx[i] = NDArrayIndex.all();
        }
        return a.get(idx).dup();
    }
}
