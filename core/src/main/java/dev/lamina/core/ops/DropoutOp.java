package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1 / (1 - rate)}; outside training it is the identity.
 */
public final class DropoutOp {

    private DropoutOp() {
    }

    /**
     * Applies dropout.
     *
     * @param x the tensor
     * @param rate the fraction to drop, in [0, 1)
     * @param seed the seed of this call's mask (derive it with {@link dev.lamina.core.Seeds})
     * @param training whether to drop; when false, x is returned unchanged
     * @return the result
     * @throws IllegalArgumentException for a rate outside [0, 1)
     */
    public static Tensor apply(Tensor x, double rate, long seed, boolean training) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout: rate must be in [0, 1). Received: rate=" + rate);
        }
        if (!training || rate == 0) {
            return x;
        }
        INDArray xv = x.value();
        INDArray mask = mask(xv, rate, seed);
        INDArray y = ElementWise.mul(xv, mask);
        return Tensor.record("dropout", y, (dy, needs) -> new INDArray[] {ElementWise.mul(dy, mask)}, x);
    }

    /** The scaled keep-mask: {@code 1/(1-rate)} where a uniform draw is ≥ rate, else 0. */
    static INDArray mask(INDArray like, double rate, long seed) {
        INDArray uniform = Nd4j.createUninitialized(like.dataType(), like.shape());
        try (Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed)) {
            Nd4j.getExecutioner().exec(new UniformDistribution(uniform, 0.0, 1.0), rng);
        } catch (Exception e) {
            throw new IllegalStateException("dropout: could not draw the mask", e);
        }
        return uniform.gte(rate).castTo(like.dataType()).muli(1.0 / (1.0 - rate));
    }
}
