package dev.lamina.core.ops;

import dev.lamina.core.ArrayArena;
import dev.lamina.core.HostFloats;
import dev.lamina.core.Tensor;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1 / (1 - rate)}; outside training it is the identity.
 */
public final class DropoutOp {

    /** One generator per thread, reseeded for each mask: a new native generator per call cost memory and time. */
    private static final ThreadLocal<Random> GENERATOR =
            ThreadLocal.withInitial(() -> Nd4j.getRandomFactory().getNewRandomInstance(0));

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

    /**
     * The scaled keep-mask: {@code 1/(1-rate)} where a uniform draw is ≥ rate, else 0. The draw
     * and the mask share one arena array, built in place, and the generator is reused and
     * reseeded: a fresh generator and three fresh arrays per call left W2 (two dropout layers)
     * with gigabytes of native memory waiting for the garbage collector. A float32 draw is turned
     * into the mask by one Java pass over it (two native compare-and-set ops cost ~2 KB of Java
     * garbage each, a third of a W2 step's).
     */
    static INDArray mask(INDArray like, double rate, long seed) {
        INDArray mask = ArrayArena.uninitialized(like.dataType(), like.shape());
        Random rng = GENERATOR.get();
        rng.setSeed(seed);
        Nd4j.getExecutioner().exec(new UniformDistribution(mask, 0.0, 1.0), rng);
        // Keras keeps a draw when draw >= rate in the input's type: compare with rate rounded to it.
        double threshold = like.dataType() == DataType.FLOAT ? (float) rate : rate;
        double keep = 1.0 / (1.0 - rate);
        FloatBuffer draws = HostFloats.of(mask);
        if (draws != null) {
            float t = (float) threshold;
            float k = (float) keep;
            for (int i = 0, n = draws.capacity(); i < n; i++) {
                draws.put(i, draws.get(i) >= t ? k : 0f);
            }
            return mask;
        }
        Nd4j.getExecutioner().exec(new CompareAndSet(mask, 0.0, Conditions.lessThan(threshold)));
        // Every dropped draw is now 0 < threshold (rate > 0 here), so this sets exactly the kept ones.
        Nd4j.getExecutioner().exec(new CompareAndSet(mask, keep, Conditions.greaterThanOrEqual(threshold)));
        return mask;
    }
}
