package dev.lamina.losses;

import dev.lamina.core.Tensor;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras' binary cross-entropy on probabilities: clip to {@code [1e-7, 1 - 1e-7]}, then
 * {@code -(y log p + (1 - y) log(1 - p))}, averaged over the last axis. Clipped entries pass no
 * gradient.
 */
public final class BinaryCrossentropy implements Loss {

    private static final double EPSILON = 1e-7;

    /** The loss on probabilities. */
    public BinaryCrossentropy() {
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public Tensor perSample(INDArray yTrue, Tensor yPred) {
        INDArray p = yPred.value();
        if (yTrue.length() != p.length()) {
            throw new IllegalArgumentException("binary_crossentropy: targets of shape " + Arrays.toString(yTrue.shape())
                    + " do not match predictions of shape " + Arrays.toString(p.shape()));
        }
        INDArray y = yTrue.reshape(p.shape()).castTo(p.dataType());
        INDArray clipped = Transforms.min(Transforms.max(p, EPSILON, true), 1 - EPSILON, false);
        INDArray oneMinusY = y.rsub(1.0);
        INDArray oneMinusP = clipped.rsub(1.0);
        INDArray elementwise = y.mul(Transforms.log(clipped, true)).addi(oneMinusY.mul(Transforms.log(oneMinusP, true)))
                .negi();
        int last = p.rank() - 1;
        long count = p.size(last);
        INDArray loss = elementwise.mean(last);
        return Tensor.record("binary_crossentropy", loss, dy -> {
            // d/dp = (p - y) / (p (1 - p)) / count, zero where the clip changed p.
            INDArray active = p.eq(clipped).castTo(p.dataType());
            INDArray g = clipped.sub(y).divi(clipped.mul(oneMinusP)).divi(count).muli(active);
            long[] keep = p.shape().clone();
            keep[last] = 1;
            return g.muli(dy.reshape(keep).broadcast(p.shape()));
        }, yPred);
    }
}
