package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.HostFloats;
import dev.lamina.core.Tensor;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code rate} and the
 * survivors are scaled by {@code 1 / (1 - rate)}; outside training it is the identity.
 */
public final class DropoutOp {

    /** SplitMix64's increment (the golden ratio in 64 bits). */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

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
        return Tensor.record("dropout", y, dy -> ElementWise.mul(dy, mask), x);
    }

    /**
     * The scaled keep-mask: {@code 1/(1-rate)} where a uniform draw is ≥ rate, else 0. The draws
     * come from SplitMix64 started at the seed, one 24-bit draw per element in row-major order,
     * written straight into an arena array: ND4J's native generator cost a Java op object and
     * native argument buffers per call (with its thresholding, a large share of a step's Java
     * garbage in a network with dropout), and before that a new generator and three fresh arrays
     * per call left training with piles of native memory waiting for the garbage collector. The
     * same seed gives the same elements kept in every data type.
     */
    static INDArray mask(INDArray like, double rate, long seed) {
        INDArray mask = ArrayArena.uninitialized(like.dataType(), like.shape());
        // Keras keeps a draw when draw >= rate in the input's type: compare with rate rounded to it.
        double threshold = like.dataType() == DataType.FLOAT ? (float) rate : rate;
        double keep = 1.0 / (1.0 - rate);
        long state = seed;
        FloatBuffer host = HostFloats.of(mask);
        if (host != null) {
            float t = (float) threshold;
            float k = (float) keep;
            for (int i = 0, n = host.capacity(); i < n; i++) {
                state += GOLDEN_GAMMA;
                host.put(i, draw(state) >= t ? k : 0f);
            }
            return mask;
        }
        for (long i = 0, n = mask.length(); i < n; i++) {
            state += GOLDEN_GAMMA;
            mask.putScalar(i, draw(state) >= threshold ? keep : 0.0);
        }
        return mask;
    }

    /** SplitMix64's output for this state, as a uniform float in [0, 1) (exact in every type). */
    private static float draw(long state) {
        long z = (state ^ (state >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 40) * 0x1.0p-24f;
    }
}
