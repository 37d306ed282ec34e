package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.dispatch.Kernels;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Softmax and categorical cross-entropy fused, from the logits: stable (shifted log-sum-exp) and
 * unclipped, as Keras' TensorFlow backend computes a softmax layer followed by cross-entropy
 * ({@code softmax_cross_entropy_with_logits}). The forward pass is one
 * {@link dev.lamina.backend.LossKernels} call; the backward pass combines a softmax with element-wise kernels.
 */
public final class SoftmaxCrossEntropyOp {

    private static final int[] CLASS_AXIS = {1};

    private SoftmaxCrossEntropyOp() {
    }

    /**
     * Mean over the batch of {@link #perSample}.
     *
     * @param logits the {@code [N, K]} pre-softmax outputs
     * @param labels the {@code [N, K]} target distributions (one-hot or soft)
     * @return the scalar mean loss
     */
    public static Tensor apply(Tensor logits, INDArray labels) {
        return MeanOp.apply(perSample(logits, labels), false);
    }

    /**
     * The fused loss with integer class labels, {@code [N]} or {@code [N, 1]}.
     *
     * @param logits the {@code [N, K]} pre-softmax outputs
     * @param labels class indices
     * @return the {@code [N]} losses
     * @throws IllegalArgumentException naming a label outside {@code [0, K)} and its index
     */
    public static Tensor perSampleSparse(Tensor logits, INDArray labels) {
        INDArray z = logits.value();
        if (z.rank() != 2) {
            throw ShapeChecks.error("sparse_softmax_cross_entropy", "logits must have shape [batch, classes], got "
                    + ShapeChecks.str(z));
        }
        return perSample(logits, LossArguments.oneHot("sparse_softmax_cross_entropy", labels, z.size(0), (int) z.size(1),
                z.dataType()));
    }

    /**
     * {@code -sum(labels * log_softmax(logits))} per sample.
     *
     * @param logits the {@code [N, K]} pre-softmax outputs
     * @param labels the {@code [N, K]} target distributions
     * @return the {@code [N]} losses
     * @throws IllegalArgumentException when the shapes differ
     */
    public static Tensor perSample(Tensor logits, INDArray labels) {
        INDArray z = logits.value();
        LossArguments.checkDistributions("softmax_cross_entropy", z, labels);
        INDArray y = labels.dataType() == z.dataType() ? labels : labels.castTo(z.dataType());
        long n = z.size(0);
        INDArray loss = ArrayArena.uninitialized(z.dataType(), n, 1);
        Kernels.losses(z).softmaxCrossEntropy(z, y, loss);
        return Tensor.record("softmax_cross_entropy", ArrayArena.reshape(loss, n), dy -> {
            INDArray p = ArrayArena.uninitialized(z.dataType(), z.shape());
            Kernels.activations(z).softmax(z, p, 1);
            // d/dz of -sum(y log softmax(z)) = softmax(z) * sum(y) - y, times each sample's dy.
            INDArray g = ElementWise.sub(ElementWise.mul(p, Reduction.sum(y, true, CLASS_AXIS)), y);
            return ElementWise.mul(g, ArrayArena.reshape(dy, n, 1));
        }, logits);
    }
}
