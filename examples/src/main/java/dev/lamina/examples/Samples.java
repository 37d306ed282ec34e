package dev.lamina.examples;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Array chores the examples share: the first samples of a run limited by {@code --limit}, pixels to floats. */
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

    /** uint8 images {@code (N, H, W)} or {@code (N, H, W, C)} → float32 {@code (N, H, W, C)} in [0, 1]. */
    static INDArray pixels(INDArray uint8) {
        INDArray x = uint8.rank() == 3 ? uint8.reshape(uint8.size(0), uint8.size(1), uint8.size(2), 1) : uint8;
        return x.castTo(DataType.FLOAT).divi(255);
    }
}
