package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arithmetic on per-channel {@code [C]} vectors (batch normalization's statistics, scales and
 * offsets), element by element in Java, rounding each step to the computation's data type as an
 * ND4J op in that type would. For a vector of a conv layer's channels the Java arithmetic takes far
 * less time than the dispatch of one ND4J op on it, and each such op also left Java garbage; a
 * network with a few batch-normalised layers made dozens of such calls a step.
 */
final class Channels {

    private final DataType type;
    private final long c;

    /**
     * Vectors of a type and length.
     *
     * @param type the computation's data type (the results')
     * @param c the number of channels
     */
    Channels(DataType type, long c) {
        this.type = type;
        this.c = c;
    }

    /** {@code v / divisor}, in a new vector (v may have another type). */
    INDArray quotient(INDArray v, double divisor) {
        INDArray out = fresh();
        for (long i = 0; i < c; i++) {
            put(out, i, round(at(v, i) / divisor));
        }
        return out;
    }

    /** {@code (v + epsilon)^-0.5}, in a new vector (v may have another type). */
    INDArray inverseSqrt(INDArray v, double epsilon) {
        double eps = round(epsilon);
        INDArray out = fresh();
        for (long i = 0; i < c; i++) {
            put(out, i, round(Math.pow(round(at(v, i) + eps), -0.5)));
        }
        return out;
    }

    /** {@code a * b / divisor}, in a new vector (no division when the divisor is 1). */
    INDArray product(INDArray a, INDArray b, double divisor) {
        INDArray out = fresh();
        for (long i = 0; i < c; i++) {
            double p = round(at(a, i) * at(b, i));
            put(out, i, divisor == 1 ? p : round(p / divisor));
        }
        return out;
    }

    /** {@code beta - mean * scale}, in a new vector. */
    INDArray offset(INDArray beta, INDArray mean, INDArray scale) {
        INDArray out = fresh();
        for (long i = 0; i < c; i++) {
            put(out, i, round(at(beta, i) - round(at(mean, i) * at(scale, i))));
        }
        return out;
    }

    /**
     * Keras' moving average, in place: {@code moving = moving * momentum + batch * (1 - momentum)},
     * in the moving vector's type.
     *
     * @param moving the moving statistic
     * @param batch the batch statistic
     * @param momentum the momentum
     */
    static void moveTowards(INDArray moving, INDArray batch, double momentum) {
        Channels m = new Channels(moving.dataType(), moving.length());
        double keep = m.round(momentum);
        double take = m.round(1 - momentum);
        for (long i = 0; i < m.c; i++) {
            double kept = m.round(at(moving, i) * keep);
            m.put(moving, i, m.round(kept + m.round(m.round(at(batch, i)) * take)));
        }
    }

    private INDArray fresh() {
        return ArrayArena.uninitialized(type, c);
    }

    private double round(double v) {
        return type == DataType.FLOAT ? (float) v : v;
    }

    private static void put(INDArray v, long i, double value) {
        if (direct(v)) {
            v.data().put(i, value);
        } else {
            v.putScalar(i, value);
        }
    }

    /** Element i of a vector: straight from its buffer when it is a whole, contiguous one. */
    private static double at(INDArray v, long i) {
        return direct(v) ? v.data().getDouble(i) : v.getDouble(i);
    }

    private static boolean direct(INDArray v) {
        DataBuffer data = v.data();
        int last = v.rank() - 1;
        return v.offset() == 0 && data.length() == v.length() && last >= 0 && v.length() == v.size(last)
                && v.stride(last) == 1;
    }
}
