package dev.lamina.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.backend.HostFloats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every option of each optimizer, on every path its one formula runs: float32 and float64, on a
 * whole host array (in place) and on a strided view (through host copies). All are checked
 * against Keras' formulas computed here element by element in float64, over several steps and a
 * variable of more than one block; a view must follow its whole array bit for bit.
 */
class UpdatePathsTest {

    private static final int ROWS = 3;
    private static final int COLS = 700;
    private static final int STEPS = 4;

    /** An optimizer and Keras' update of one element, in float64, for the same options. */
    record Case(String name, Supplier<Optimizer> make, List<String> slots, KerasStep keras) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Keras' formula for one element: updates {@code s} (slots by name order) and returns the weight. */
    interface KerasStep {
        double apply(double g, double w, double[] s, long t);
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("sgd", () -> new SGD(0.1), List.of(), (g, w, s, t) -> w - 0.1 * g));
        cases.add(new Case("sgd momentum", () -> new SGD(0.1).momentum(0.9), List.of("momentums"),
                (g, w, s, t) -> w + (s[0] = 0.9 * s[0] - 0.1 * g)));
        cases.add(new Case("sgd nesterov", () -> new SGD(0.1).momentum(0.9).nesterov(true), List.of("momentums"),
                (g, w, s, t) -> {
                    s[0] = 0.9 * s[0] - 0.1 * g;
                    return w + 0.9 * s[0] - 0.1 * g;
                }));
        cases.add(new Case("rmsprop", () -> new RMSprop(0.01), List.of("velocities"),
                (g, w, s, t) -> rmsprop(g, w, s, 0.9, 0, false)));
        cases.add(new Case("rmsprop momentum", () -> new RMSprop(0.01).momentum(0.5),
                List.of("velocities", "momentums"), (g, w, s, t) -> rmsprop(g, w, s, 0.9, 0.5, false)));
        cases.add(new Case("rmsprop centered", () -> new RMSprop(0.01).rho(0.8).centered(true),
                List.of("velocities", "average_gradients"), (g, w, s, t) -> rmsprop(g, w, s, 0.8, 0, true)));
        cases.add(new Case("rmsprop centered momentum", () -> new RMSprop(0.01).momentum(0.9).centered(true),
                List.of("velocities", "momentums", "average_gradients"),
                (g, w, s, t) -> rmsprop(g, w, s, 0.9, 0.9, true)));
        cases.add(new Case("adam", () -> new Adam(0.01), List.of("momentums", "velocities"),
                (g, w, s, t) -> adam(g, w, s, t, 0.9, false)));
        cases.add(new Case("adam amsgrad", () -> new Adam(0.01).beta1(0.8).amsgrad(true),
                List.of("momentums", "velocities", "velocity_hats"), (g, w, s, t) -> adam(g, w, s, t, 0.8, true)));
        return cases;
    }

    /** keras/src/optimizers/rmsprop.py, learning rate 0.01 and epsilon 1e-7. */
    private static double rmsprop(double g, double w, double[] s, double rho, double momentum, boolean centered) {
        s[0] = rho * s[0] + (1 - rho) * g * g;
        double denominator = s[0] + 1e-7;
        if (centered) {
            int a = momentum > 0 ? 2 : 1;
            s[a] = rho * s[a] + (1 - rho) * g;
            denominator = s[0] - s[a] * s[a] + 1e-7;
        }
        double increment = 0.01 * g / Math.sqrt(denominator);
        if (momentum > 0) {
            s[1] = momentum * s[1] + increment;
            return w - s[1];
        }
        return w - increment;
    }

    /** keras/src/optimizers/adam.py, learning rate 0.01, beta_2 0.999 and epsilon 1e-7. */
    private static double adam(double g, double w, double[] s, long t, double beta1, boolean amsgrad) {
        double alpha = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(beta1, t));
        s[0] += (g - s[0]) * (1 - beta1);
        s[1] += (g * g - s[1]) * (1 - 0.999);
        double v = s[1];
        if (amsgrad) {
            s[2] = Math.max(s[2], s[1]);
            v = s[2];
        }
        return w - s[0] * alpha / (Math.sqrt(v) + 1e-7);
    }

    /** The variable after each path's steps, and its slots. */
    private record Run(INDArray weights, Map<String, INDArray> slots) {
    }

    private static Run run(Case c, INDArray start, List<INDArray> grads, DataType type, boolean strided) {
        INDArray w;
        if (strided) {
            w = Nd4j.zeros(type, ROWS, 2 * COLS).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 2 * COLS));
            assertThat(w.isView()).isTrue();
        } else {
            w = Nd4j.zeros(type, ROWS, COLS);
        }
        w.assign(start);
        Optimizer o = c.make().get();
        for (INDArray g : grads) {
            o.applyGradients(List.of(g.castTo(type)), List.of(w));
        }
        assertThat(o.slots(w).keySet()).containsExactlyElementsOf(c.slots());
        return new Run(w.dup('c'), o.slots(w));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPathFollowsKerasFormula(Case c) {
        Nd4j.getRandom().setSeed(7);
        INDArray start = Nd4j.randn(DataType.DOUBLE, ROWS, COLS);
        List<INDArray> grads = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            // float32 values, so that both precisions start from the same numbers
            grads.add(Nd4j.randn(DataType.DOUBLE, ROWS, COLS).castTo(DataType.FLOAT).castTo(DataType.DOUBLE));
        }
        start = start.castTo(DataType.FLOAT).castTo(DataType.DOUBLE);

        double[] w = start.dup('c').data().asDouble();
        double[][] slots = new double[w.length][c.slots().size()];
        for (int t = 0; t < STEPS; t++) {
            double[] g = grads.get(t).dup('c').data().asDouble();
            for (int i = 0; i < w.length; i++) {
                w[i] = c.keras().apply(g[i], w[i], slots[i], t + 1);
            }
        }
        INDArray expected = Nd4j.create(w, new long[] {ROWS, COLS}, 'c');

        Run f32 = run(c, start, grads, DataType.FLOAT, false);
        Run f32View = run(c, start, grads, DataType.FLOAT, true);
        Run f64 = run(c, start, grads, DataType.DOUBLE, false);
        Run f64View = run(c, start, grads, DataType.DOUBLE, true);
        assertThat(HostFloats.of(Nd4j.zeros(DataType.FLOAT, ROWS, COLS))).isNotNull();

        assertThat(f64.weights().equalsWithEps(expected, 1e-12)).as("float64 against Keras").isTrue();
        assertThat(f32.weights().castTo(DataType.DOUBLE).equalsWithEps(expected, 2e-5)).as("float32 against Keras")
                .isTrue();
        assertThat(f32.weights().equalsWithEps(start.castTo(DataType.FLOAT), 1e-3)).as("moved").isFalse();
        for (int k = 0; k < c.slots().size(); k++) {
            double[] slot = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                slot[i] = slots[i][k];
            }
            String name = c.slots().get(k);
            INDArray expectedSlot = Nd4j.create(slot, new long[] {ROWS, COLS}, 'c');
            assertThat(f64.slots().get(name).equalsWithEps(expectedSlot, 1e-12)).as("float64 " + name).isTrue();
            assertThat(f32.slots().get(name).castTo(DataType.DOUBLE).equalsWithEps(expectedSlot, 2e-5))
                    .as("float32 " + name).isTrue();
            assertThat(f32View.slots().get(name).dup('c').data().asFloat()).as("float32 view " + name)
                    .containsExactly(f32.slots().get(name).dup('c').data().asFloat());
            assertThat(f64View.slots().get(name).dup('c').data().asDouble()).as("float64 view " + name)
                    .containsExactly(f64.slots().get(name).dup('c').data().asDouble());
        }
        assertThat(f32View.weights().data().asFloat()).as("float32 view")
                .containsExactly(f32.weights().data().asFloat());
        assertThat(f64View.weights().data().asDouble()).as("float64 view")
                .containsExactly(f64.weights().data().asDouble());
    }

    @Test
    void otherTypesUpdateInFloat64AndKeepTheirType() {
        INDArray half = Nd4j.createFromArray(1f, -2f, 3f).castTo(DataType.HALF);
        INDArray wide = Nd4j.createFromArray(1.0, -2.0, 3.0);
        Adam a = new Adam(0.1);
        Adam b = new Adam(0.1);
        for (int t = 0; t < 3; t++) {
            a.applyGradients(List.of(Nd4j.createFromArray(0.5f, -1f, 2f).castTo(DataType.HALF)), List.of(half));
            b.applyGradients(List.of(Nd4j.createFromArray(0.5, -1.0, 2.0)), List.of(wide));
        }
        assertThat(half.dataType()).isEqualTo(DataType.HALF);
        assertThat(a.slots(half).get("velocities").dataType()).isEqualTo(DataType.HALF);
        assertThat(half.castTo(DataType.DOUBLE).equalsWithEps(wide, 5e-3)).as(half + " vs " + wide).isTrue();
    }
}
