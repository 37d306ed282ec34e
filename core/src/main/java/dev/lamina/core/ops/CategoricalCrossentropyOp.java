package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Categorical cross-entropy on probabilities, exactly as Keras computes it with
 * {@code from_logits=False}: renormalise each row, clip to {@code [1e-7, 1 - 1e-7]}, then
 * {@code -sum(y * log(p))}. Clipped entries pass no gradient.
 */
public final class CategoricalCrossentropyOp {

    /** Keras' {@code backend.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private static final int[] CLASS_AXIS = {1};

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
        INDArray rowSums = Reduction.sum(p, true, CLASS_AXIS);
        INDArray q = ElementWise.div(p, rowSums);
        INDArray clipped = ElementWise.clip(q, EPSILON, 1 - EPSILON);
        INDArray loss = Reduction.sum(ElementWise.mul(y, ElementWise.log(clipped)), false, CLASS_AXIS);
        ElementWise.negInPlace(loss);
        return Tensor.record(opName, loss, dy -> {
            // d/dclipped, zero where the clip changed the value, then back through q = p / sum(p):
            // dp = (dq - sum(dq * q)) / sum(p).
            INDArray active = ElementWise.equal(opName, q, clipped);
            INDArray ratio = ElementWise.div(y, clipped);
            ElementWise.negInPlace(ratio);
            INDArray dq = ElementWise.mul(ratio, ArrayArena.reshape(dy, dy.length(), 1));
            // The kernels multiply by a boolean array as by 0 and 1, in dq's type.
            ElementWise.mulInPlace(dq, active);
            return ElementWise.div(ElementWise.sub(dq, Reduction.sum(ElementWise.mul(dq, q), true, CLASS_AXIS)),
                    rowSums);
        }, probabilities);
    }
}
