package dev.lamina.layers;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lamina.core.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ReLU (max_value, negative_slope, threshold), LeakyReLU and the Softmax layer: values, configs, gradients. */
class RectifierLayersTest {

    private static INDArray run(Layer layer, INDArray x) {
        return layer.forward(Tensor.constant(x), false).value();
    }

    /** Every entry of the layer's output against a scalar formula. */
    private static void assertElementwise(Layer layer, INDArray x, DoubleUnaryOperator f) {
        INDArray y = run(layer, x);
        assertThat(y.shape()).isEqualTo(x.shape());
        double[] in = x.data().asDouble();
        double[] out = y.data().asDouble();
        for (int i = 0; i < in.length; i++) {
            assertThat(out[i]).as("f(%s)", in[i]).isCloseTo(f.applyAsDouble(in[i]), within(1e-6));
        }
    }

    /** Values that avoid the kinks at -0.5, 0, 0.25 and 1.5 by at least 0.01. */
    private static INDArray offKinks(long salt, long... shape) {
        INDArray x = uniform(salt, -2, 2, shape);
        double[] v = x.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            for (double kink : new double[] {-0.5, 0, 0.25, 1.5}) {
                if (Math.abs(v[i] - kink) < 0.01) {
                    v[i] = kink + 0.02;
                }
            }
        }
        return Nd4j.createFromArray(v).reshape(shape);
    }

    @Test
    void reluDefaultsToMaxOfZero() {
        assertElementwise(new ReLU(), offKinks(1, 3, 4), v -> Math.max(v, 0));
    }

    @Test
    void reluSaturatesAtMaxValue() {
        assertElementwise(new ReLU().maxValue(1.5), offKinks(2, 3, 4), v -> Math.min(Math.max(v, 0), 1.5));
    }

    @Test
    void reluWithSlopeAndThresholdFollowsKeras() {
        // Keras: x above the threshold, negative_slope * (x - threshold) below it, capped at max_value.
        ReLU l = new ReLU().maxValue(1.5).negativeSlope(0.2).threshold(0.25);
        assertElementwise(l, offKinks(3, 5, 4), v -> v > 0.25 ? Math.min(v, 1.5) : 0.2 * (v - 0.25));
    }

    @Test
    void reluWithNegativeThresholdKeepsValuesAboveIt() {
        // As Keras: with a threshold other than 0 and no maximum, x in (threshold, 0) passes unchanged.
        assertElementwise(new ReLU().threshold(-0.5), offKinks(4, 4, 4), v -> v > -0.5 ? v : 0);
    }

    @Test
    void leakyReluScalesNegatives() {
        assertElementwise(new LeakyReLU(), offKinks(5, 3, 4), v -> v > 0 ? v : 0.3 * v);
        assertElementwise(new LeakyReLU().alpha(0.5), offKinks(6, 3, 4), v -> v > 0 ? v : 0.5 * v);
    }

    @Test
    void softmaxLayerNormalizesTheLastAxis() {
        INDArray x = uniform(7, -3, 3, 2, 5);
        INDArray y = run(new Softmax(), x);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int c = 0; c < 5; c++) {
                sum += Math.exp(x.getDouble(r, c));
            }
            for (int c = 0; c < 5; c++) {
                assertThat(y.getDouble(r, c)).isCloseTo(Math.exp(x.getDouble(r, c)) / sum, within(1e-9));
            }
        }
        assertThat(new Softmax().axis(2).computeOutputShape(new long[] {-1, 4, 3})).containsExactly(-1, 4, 3);
        assertThatThrownBy(() -> new Softmax().axis(1).computeOutputShape(new long[] {-1, 4, 3}))
                .hasMessageContaining("Received: axis=1");
    }

    @Test
    void gradientsPassAFiniteDifferenceCheck() {
        INDArray x = offKinks(8, 3, 6);
        Layer relu = new ReLU().maxValue(1.5).negativeSlope(0.2).threshold(0.25);
        check("ReLU", t -> relu.forward(t[0], true), x);
        Layer plain = new ReLU();
        check("ReLU plain", t -> plain.forward(t[0], true), x);
        Layer leaky = new LeakyReLU().negativeSlope(0.1);
        check("LeakyReLU", t -> leaky.forward(t[0], true), x);
        Layer softmax = new Softmax();
        check("Softmax", t -> softmax.forward(t[0], true), x);
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        for (Layer l : new Layer[] {new ReLU().maxValue(6.0).negativeSlope(0.1).threshold(0.5), new ReLU(),
                new LeakyReLU().negativeSlope(0.25), new Softmax().axis(-1)}) {
            Map<String, Object> config = l.getConfig();
            Layer again = LayerRegistry.fromConfig(l.className(), new HashMap<>(config));
            assertThat(again.getClass()).isEqualTo(l.getClass());
            assertThat(again.getConfig()).isEqualTo(config);
            INDArray x = offKinks(9, 2, 3).castTo(DataType.FLOAT);
            assertThat(run(again, x)).isEqualTo(run(l, x));
        }
    }

    @Test
    void kerasConfigsOfEitherVersionAreRead() {
        Map<String, Object> keras2 = new HashMap<>(Map.of("name", "leaky_re_lu_1", "alpha", 0.5));
        assertThat(((LeakyReLU) LayerRegistry.fromConfig("LeakyReLU", keras2)).negativeSlope()).isEqualTo(0.5);
        Map<String, Object> keras3 = new HashMap<>(Map.of("name", "leaky_re_lu", "negative_slope", 0.2));
        assertThat(((LeakyReLU) LayerRegistry.fromConfig("LeakyReLU", keras3)).negativeSlope()).isEqualTo(0.2);
        Map<String, Object> relu = new HashMap<>();
        relu.put("max_value", null);
        relu.put("negative_slope", 0.0);
        relu.put("threshold", 0.0);
        ReLU r = (ReLU) LayerRegistry.fromConfig("ReLU", relu);
        assertThat(r.maxValue()).isNull();
        assertThat(r.name()).startsWith("re_lu");
    }

    @Test
    void argumentsAreCheckedWithKerasWording() {
        assertThatThrownBy(() -> new ReLU().maxValue(-1.0)).hasMessageContaining("Received: max_value=-1.0");
        assertThatThrownBy(() -> new ReLU().negativeSlope(-0.1)).hasMessageContaining("negative_slope=-0.1");
        assertThatThrownBy(() -> new LeakyReLU().negativeSlope(Double.NaN)).hasMessageContaining("negative_slope=NaN");
    }
}
