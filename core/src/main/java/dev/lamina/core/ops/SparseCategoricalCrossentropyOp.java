package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sparse categorical cross-entropy on probabilities: integer class labels of shape {@code [N]} or
 * {@code [N, 1]}, otherwise as {@link CategoricalCrossentropyOp} (renormalised, clipped).
 */
public final class SparseCategoricalCrossentropyOp {

    private static final String NAME = "sparse_categorical_crossentropy";

    private SparseCategoricalCrossentropyOp() {
    }

    /**
     * Mean over the batch of {@link #perSample}.
     *
     * @param probabilities the {@code [N, K]} predicted distributions
     * @param labels class indices, {@code [N]} or {@code [N, 1]}, integer or integral floats
     * @return the scalar mean loss
     */
    public static Tensor apply(Tensor probabilities, INDArray labels) {
        return MeanOp.apply(perSample(probabilities, labels), false);
    }

    /**
     * Per-sample cross-entropy.
     *
     * @param probabilities the {@code [N, K]} predicted distributions
     * @param labels class indices, {@code [N]} or {@code [N, 1]}
     * @return the {@code [N]} losses
     * @throws IllegalArgumentException naming a label outside {@code [0, K)} and its index
     */
    public static Tensor perSample(Tensor probabilities, INDArray labels) {
        INDArray p = probabilities.value();
        if (p.rank() != 2) {
            throw ShapeChecks.error(NAME, "predictions must have shape [batch, classes], got " + ShapeChecks.str(p));
        }
        INDArray oneHot = LossArguments.oneHot(NAME, labels, p.size(0), (int) p.size(1), p.dataType());
        return CategoricalCrossentropyOp.perSample(NAME, probabilities, oneHot);
    }
}
