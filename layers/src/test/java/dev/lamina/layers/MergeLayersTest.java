package dev.lamina.layers;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.distinct;
import static dev.lamina.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The merge layers: Keras' shape rules, values from plain loops, gradients, configs. */
class MergeLayersTest {

    private static Tensor run(Layer layer, INDArray... xs) {
        List<Tensor> ts = java.util.Arrays.stream(xs).map(Tensor::constant).toList();
        return layer.forward(ts, false);
    }

    /** {@code op} applied element by element over two arrays of one shape, in a Java loop. */
    private static double[] loop(INDArray a, INDArray b, DoubleBinaryOperator op) {
        double[] x = a.dup('c').reshape(a.length()).toDoubleVector();
        double[] y = b.dup('c').reshape(b.length()).toDoubleVector();
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.applyAsDouble(x[i], y[i]);
        }
        return out;
    }

    private static double[] flat(Tensor t) {
        return t.value().dup('c').reshape(t.value().length()).toDoubleVector();
    }

    @Test
    void elementWiseMergesMatchLoops() {
        INDArray a = uniform(1, -1, 1, 2, 3, 4);
        INDArray b = uniform(2, -1, 1, 2, 3, 4);
        assertThat(flat(run(new Add(), a, b))).containsExactly(loop(a, b, Double::sum));
        assertThat(flat(run(new Subtract(), a, b))).containsExactly(loop(a, b, (x, y) -> x - y));
        assertThat(flat(run(new Multiply(), a, b))).containsExactly(loop(a, b, (x, y) -> x * y));
        assertThat(flat(run(new Maximum(), a, b))).containsExactly(loop(a, b, Math::max));
        assertThat(flat(run(new Minimum(), a, b))).containsExactly(loop(a, b, Math::min));
        double[] avg = loop(a, b, (x, y) -> (x + y) / 2);
        double[] got = flat(run(new Average(), a, b));
        for (int i = 0; i < avg.length; i++) {
            assertThat(got[i]).isCloseTo(avg[i], org.assertj.core.data.Offset.offset(1e-12));
        }
        INDArray c = uniform(3, -1, 1, 2, 3, 4);
        double[] three = flat(run(new Add(), a, b, c));
        double[] ab = loop(a, b, Double::sum);
        double[] cc = c.dup('c').reshape(c.length()).toDoubleVector();
        for (int i = 0; i < three.length; i++) {
            assertThat(three[i]).isCloseTo(ab[i] + cc[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void concatenateMatchesALoop() {
        INDArray a = uniform(4, -1, 1, 2, 3, 2);
        INDArray b = uniform(5, -1, 1, 2, 3, 4);
        Tensor out = run(new Concatenate(), a, b);
        assertThat(out.shape()).containsExactly(2, 3, 6);
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 6; k++) {
                    double expected = k < 2 ? a.getDouble(n, i, k) : b.getDouble(n, i, k - 2);
                    assertThat(out.value().getDouble(n, i, k)).isEqualTo(expected);
                }
            }
        }
        INDArray c = uniform(6, -1, 1, 2, 1, 2);
        Tensor rows = run(new Concatenate(1), a, c);
        assertThat(rows.shape()).containsExactly(2, 4, 2);
        assertThat(rows.value().getDouble(1, 3, 1)).isEqualTo(c.getDouble(1, 0, 1));
    }

    @Test
    void shapesFollowKerasRules() {
        long[] s8 = {-1, 8};
        assertThat(new Add().computeOutputShape(List.of(s8, s8))).containsExactly(-1, 8);
        // Size-1 axes broadcast; a shorter shape aligns to the end, after the batch axis.
        assertThat(new Add().computeOutputShape(List.of(new long[] {-1, 4, 1}, new long[] {-1, 1, 5})))
                .containsExactly(-1, 4, 5);
        assertThat(new Multiply().computeOutputShape(List.of(new long[] {-1, 3, 5}, new long[] {-1, 5})))
                .containsExactly(-1, 3, 5);
        assertThat(new Concatenate().computeOutputShape(List.of(new long[] {-1, 4, 2}, new long[] {-1, 4, 3})))
                .containsExactly(-1, 4, 5);
        assertThat(new Concatenate(1).computeOutputShape(List.of(new long[] {-1, -1, 2}, new long[] {-1, 4, 2})))
                .containsExactly(-1, -1, 2);

        assertThatThrownBy(() -> new Add().computeOutputShape(List.of(s8, new long[] {-1, 9})))
                .hasMessageContaining("(None, 8)").hasMessageContaining("(None, 9)");
        assertThatThrownBy(() -> new Add().computeOutputShape(List.of(new long[] {4, 8}, new long[] {5, 8})))
                .hasMessageContaining("different batch sizes");
        assertThatThrownBy(() -> new Subtract().computeOutputShape(List.of(s8))).hasMessageContaining("exactly 2");
        assertThatThrownBy(() -> new Concatenate().computeOutputShape(List.of(new long[] {-1, 4, 2},
                new long[] {-1, 5, 2}))).hasMessageContaining("matching shapes except for the concatenation axis");
        assertThatThrownBy(() -> new Concatenate(0)).hasMessageContaining("axis=0");
        assertThatThrownBy(() -> new Concatenate(3).computeOutputShape(List.of(s8, s8)))
                .hasMessageContaining("out of range");
    }

    @Test
    void broadcastingAndShorterInputsCompute() {
        INDArray a = uniform(7, -1, 1, 2, 3, 4);
        INDArray row = uniform(8, -1, 1, 2, 4);
        Tensor out = run(new Add(), a, row);
        assertThat(out.shape()).containsExactly(2, 3, 4);
        assertThat(out.value().getDouble(1, 2, 3)).isEqualTo(a.getDouble(1, 2, 3) + row.getDouble(1, 3));
    }

    @Test
    void gradientsFlowToEveryInput() {
        INDArray a = distinct(9, 0.1, 2, 3, 4);
        INDArray b = distinct(10, 0.07, 2, 3, 4).addi(0.013);
        check("Add layer", t -> new Add().forward(List.of(t[0], t[1]), true), a, b);
        check("Subtract layer", t -> new Subtract().forward(List.of(t[0], t[1]), true), a, b);
        check("Multiply layer", t -> new Multiply().forward(List.of(t[0], t[1]), true), a, b);
        check("Average layer", t -> new Average().forward(List.of(t[0], t[1]), true), a, b);
        check("Maximum layer", t -> new Maximum().forward(List.of(t[0], t[1]), true), a, b);
        check("Minimum layer", t -> new Minimum().forward(List.of(t[0], t[1]), true), a, b);
        check("Concatenate layer", t -> new Concatenate(1).forward(List.of(t[0], t[1]), true), a, b);
        check("Add, broadcast row", t -> new Add().forward(List.of(t[0], t[1]), true), a,
                distinct(11, 0.05, 2, 4));
    }

    @Test
    void configsRoundTrip() {
        for (Layer l : List.of(new Add(), new Subtract(), new Multiply(), new Average(), new Maximum(),
                new Minimum(), new Concatenate(1))) {
            Map<String, Object> config = l.getConfig();
            Layer again = LayerRegistry.fromConfig(l.className(), config);
            assertThat(again.getClass()).isEqualTo(l.getClass());
            assertThat(again.getConfig()).isEqualTo(config);
        }
        assertThat(new Concatenate(2).getConfig()).containsEntry("axis", 2);
        assertThat(((Concatenate) LayerRegistry.fromConfig("Concatenate", Map.of("name", "c"))).axis()).isEqualTo(-1);
    }
}
