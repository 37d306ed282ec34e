package dev.lamina.losses;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Keras loss: one value per sample, which models average (weighted by sample weights) over the
 * batch, as Keras' {@code sum_over_batch_size} reduction.
 */
public interface Loss {

    /** @return Keras' name, e.g. {@code "categorical_crossentropy"} */
    String name();

    /**
     * The loss of each sample.
     *
     * @param yTrue the targets
     * @param yPred the model's outputs
     * @return a {@code [N]} tensor
     */
    Tensor perSample(INDArray yTrue, Tensor yPred);

    /**
     * Whether the loss can be computed from the logits of a softmax output in one fused, stable op
     * ({@link #perSampleFromLogits}); models then skip the softmax in training.
     *
     * @return true for the categorical cross-entropies on probabilities
     */
    default boolean fusesWithSoftmax() {
        return false;
    }

    /**
     * The loss of each sample, from the logits of a softmax output.
     *
     * @param yTrue the targets
     * @param logits the pre-softmax outputs
     * @return a {@code [N]} tensor
     */
    default Tensor perSampleFromLogits(INDArray yTrue, Tensor logits) {
        throw new IllegalStateException(name() + " does not fuse with softmax");
    }
}
