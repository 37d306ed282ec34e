package dev.lamina.testing;

import dev.lamina.core.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient check in float64: compares the tape's gradients of
 * {@code L = sum(f(inputs) * dy)}, for a random upstream gradient {@code dy}, with central
 * differences of L for every input element (or a seeded sample of them for large inputs).
 *
 * <p>The seed is fixed by default and can be overridden with {@code -Dlamina.gradcheck.seed}.
 */
public final class GradCheck {

    /** The system property that overrides the default seed. */
    public static final String SEED_PROPERTY = "lamina.gradcheck.seed";

    private static final double STEP = 1e-6;
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-7;
    private static final int MAX_ENTRIES_PER_INPUT = 400;

    private GradCheck() {
    }

    /**
     * The seed for this run's random inputs and upstream gradients.
     *
     * @return the seed
     */
    public static long seed() {
        return Long.getLong(SEED_PROPERTY, 20261122L);
    }

    /**
     * A float64 array of uniform values in {@code [lo, hi)}, seeded.
     *
     * @param salt distinguishes arrays drawn in the same test
     * @param lo lower bound
     * @param hi upper bound
     * @param shape the shape
     * @return the array
     */
    public static INDArray uniform(long salt, double lo, double hi, long... shape) {
        SplittableRandom rng = new SplittableRandom(seed() * 31 + salt);
        double[] v = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    /**
     * Values with magnitudes in {@code [gap, 1 + gap)} and random signs, so that no entry sits
     * within {@code gap} of a kink at 0 (relu).
     *
     * @param salt distinguishes arrays drawn in the same test
     * @param gap distance kept from 0
     * @param shape the shape
     * @return the array
     */
    public static INDArray awayFromZero(long salt, double gap, long... shape) {
        INDArray u = uniform(salt, -1, 1, shape);
        double[] v = u.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.copySign(Math.abs(v[i]) + gap, v[i]);
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    /**
     * Distinct values, a seeded permutation of {@code 0, spacing, 2*spacing, …} shifted to be
     * centred: no two entries are closer than {@code spacing}, so max pooling has no ties.
     *
     * @param salt distinguishes arrays drawn in the same test
     * @param spacing the minimum distance between entries
     * @param shape the shape
     * @return the array
     */
    public static INDArray distinct(long salt, double spacing, long... shape) {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        SplittableRandom rng = new SplittableRandom(seed() * 17 + salt);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2.0) * spacing;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return Nd4j.createFromArray(v).reshape('c', shape);
    }

    /**
     * Checks the gradients of {@code f} with respect to every input.
     *
     * @param name what is checked, for messages
     * @param f the function under test; it receives one variable per input
     * @param inputs float64 inputs (not modified)
     * @throws AssertionError naming the input, the entry and both values on a mismatch
     */
    public static void check(String name, Function<Tensor[], Tensor> f, INDArray... inputs) {
        for (INDArray in : inputs) {
            if (in.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException(name + ": gradient checks need float64 inputs, got " + in.dataType());
            }
        }
        Tensor[] vars = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            vars[i] = Tensor.variable(inputs[i].dup());
        }
        Tensor out = f.apply(vars);
        INDArray dy = out.shape().length == 0 ? Nd4j.scalar(0.75) : uniform(991, -1, 1, out.shape());
        out.backward(dy);
        SplittableRandom pick = new SplittableRandom(seed() + 7);
        for (int i = 0; i < inputs.length; i++) {
            INDArray analytic = vars[i].grad();
            if (analytic == null) {
                throw new AssertionError(name + ": no gradient reached input " + i);
            }
            long n = inputs[i].length();
            long entries = Math.min(n, MAX_ENTRIES_PER_INPUT);
            for (long k = 0; k < entries; k++) {
                long e = n <= MAX_ENTRIES_PER_INPUT ? k : pick.nextLong(n);
                double numeric = numeric(f, inputs, i, e, dy);
                double a = analytic.reshape(-1).getDouble(e);
                if (!(Math.abs(numeric - a) <= ATOL + RTOL * Math.max(Math.abs(numeric), Math.abs(a)))) {
                    throw new AssertionError(String.format("%s: gradient of input %d (shape %s) at flat index %d: "
                            + "analytic %.10g, numeric %.10g", name, i, Arrays.toString(inputs[i].shape()), e, a, numeric));
                }
            }
        }
    }

    private static double numeric(Function<Tensor[], Tensor> f, INDArray[] inputs, int which, long entry, INDArray dy) {
        double plus = objective(f, inputs, which, entry, STEP, dy);
        double minus = objective(f, inputs, which, entry, -STEP, dy);
        return (plus - minus) / (2 * STEP);
    }

    private static double objective(Function<Tensor[], Tensor> f, INDArray[] inputs, int which, long entry,
            double delta, INDArray dy) {
        Tensor[] consts = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            INDArray v = inputs[i].dup();
            if (i == which) {
                INDArray flat = v.reshape(-1);
                flat.putScalar(entry, flat.getDouble(entry) + delta);
            }
            consts[i] = Tensor.constant(v);
        }
        INDArray y = f.apply(consts).value();
        return y.castTo(DataType.DOUBLE).mul(dy).sumNumber().doubleValue();
    }
}
