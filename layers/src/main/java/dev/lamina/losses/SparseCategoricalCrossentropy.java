package dev.lamina.losses;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.SoftmaxCrossEntropyOp;
import dev.lamina.core.ops.SparseCategoricalCrossentropyOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' sparse categorical cross-entropy: integer class labels of shape {@code (N)} or
 * {@code (N, 1)}; otherwise as {@link CategoricalCrossentropy}.
 */
public final class SparseCategoricalCrossentropy implements Loss {

    private boolean fromLogits;

    /** The loss on probabilities. */
    public SparseCategoricalCrossentropy() {
    }

    /**
     * Whether predictions are logits (default false).
     *
     * @param fromLogits whether the model outputs logits
     * @return this loss
     */
    public SparseCategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    @Override
    public Tensor perSample(INDArray yTrue, Tensor yPred) {
        return fromLogits ? SoftmaxCrossEntropyOp.perSampleSparse(yPred, yTrue)
                : SparseCategoricalCrossentropyOp.perSample(yPred, yTrue);
    }

    @Override
    public boolean fusesWithSoftmax() {
        return !fromLogits;
    }

    @Override
    public Tensor perSampleFromLogits(INDArray yTrue, Tensor logits) {
        return SoftmaxCrossEntropyOp.perSampleSparse(logits, yTrue);
    }
}
