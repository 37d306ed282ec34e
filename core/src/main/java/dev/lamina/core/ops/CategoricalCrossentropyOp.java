package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical cross-entropy on probabilities, exactly as Keras computes it with
 * {@code from_logits=False}: renormalise each row, clip to {@code [1e-7, 1 - 1e-7]}, then
 * {@code -sum(y * log(p))}. Clipped entries pass no gradient.
 */
public final class CategoricalCrossentropyOp {

    /** Keras' {@code backend.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private CategoricalCrossentropyOp() {
    }

    /**
     * Mean over the batch of {@link #perSample}.
     *
     * @param probabilities the {@code [N, K]} predicted distributions
     * @param labels the {@code [N, K]} targets (one-hot or soft)
     * @return the scalar mean loss
     */
    public static Tensor apply(Tensor probabilities, INDArray labels) {
        return MeanOp.apply(perSample(probabilities, labels), false);
    }

    /**
     * Per-sample cross-entropy.
     *
     * @param probabilities the {@code [N, K]} predicted distributions
     * @param labels the {@code [N, K]} targets
     * @return the {@code [N]} losses
     * @throws IllegalArgumentException when the shapes differ
     */
    public static Tensor perSample(Tensor probabilities, INDArray labels) {
        return perSample("categorical_crossentropy", probabilities, labels);
    }

    static Tensor perSample(String opName, Tensor probabilities, INDArray labels) {
        INDArray p = probabilities.value();
        LossArguments.checkDistributions(opName, p, labels);
        INDArray y = labels.dataType() == p.dataType() ? labels : labels.castTo(p.dataType());
        INDArray rowSums = p.sum(true, 1);
        INDArray q = ElementWise.div(p, rowSums);
        INDArray clipped = Transforms.min(Transforms.max(q, EPSILON, true), 1 - EPSILON, false);
        INDArray loss = ElementWise.mul(y, Transforms.log(clipped, true)).sum(1).negi();
        return Tensor.record(opName, loss, dy -> {
            // d/dclipped, zero where the clip changed the value, then back through q = p / sum(p):
            // dp = (dq - sum(dq * q)) / sum(p).
            INDArray active = q.eq(clipped).castTo(p.dataType());
            INDArray dq = ElementWise.mul(ElementWise.div(y, clipped).negi(), dy.reshape(dy.length(), 1)).muli(active);
            INDArray dp = ElementWise.div(ElementWise.sub(dq, ElementWise.mul(dq, q).sum(true, 1)), rowSums);
            return dp;
        }, probabilities);
    }
}
