package dev.lamina.losses;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.CategoricalCrossentropyOp;
import dev.lamina.core.ops.SoftmaxCrossEntropyOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' categorical cross-entropy for one-hot (or soft) targets. On probabilities it renormalises
 * and clips as Keras does; with {@link #fromLogits(boolean)} it takes logits. After a softmax layer,
 * models compute it from the logits in one fused op, as Keras' TensorFlow backend does.
 */
public final class CategoricalCrossentropy implements Loss {

    private boolean fromLogits;

    /** The loss on probabilities. */
    public CategoricalCrossentropy() {
    }

    /**
     * Whether predictions are logits (default false).
     *
     * @param fromLogits whether the model outputs logits
     * @return this loss
     */
    public CategoricalCrossentropy fromLogits(boolean fromLogits) {
        this.fromLogits = fromLogits;
        return this;
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    @Override
    public Tensor perSample(INDArray yTrue, Tensor yPred) {
        return fromLogits ? SoftmaxCrossEntropyOp.perSample(yPred, yTrue)
                : CategoricalCrossentropyOp.perSample(yPred, yTrue);
    }

    @Override
    public boolean fusesWithSoftmax() {
        return !fromLogits;
    }

    @Override
    public Tensor perSampleFromLogits(INDArray yTrue, Tensor logits) {
        return SoftmaxCrossEntropyOp.perSample(logits, yTrue);
    }
}
