package dev.lamina.layers;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.distinct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamina.core.GradMode;
import dev.lamina.core.Lamina;
import dev.lamina.core.Tensor;
import dev.lamina.models.Input;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contract every layer keeps, one table row per layer, as Keras' {@code run_layer_test}: built
 * by a symbolic application, {@code computeOutputShape} agrees with {@code call}, the config
 * round-trips through the registry, the layer's own variables save and load, gradients pass a
 * finite-difference check (layers without weights; weighted layers' ops have theirs in core), and
 * a frozen layer has no trainable weight and, for batch normalization, runs in inference mode.
 */
class LayerContractTest {

    /**
     * One row.
     *
     * @param name the row's name
     * @param make a fresh layer
     * @param shapes the per-sample input shapes (one, or several for merge layers)
     * @param gradCheck whether to check gradients (float64 inputs through float32 weights cannot)
     */
    record Row(String name, Supplier<Layer> make, List<int[]> shapes, boolean gradCheck) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, Supplier<Layer> make, boolean gradCheck, int[]... shapes) {
        return new Row(name, make, List.of(shapes), gradCheck);
    }

    static Stream<Arguments> layers() {
        int[] image = {5, 6, 3};
        int[] vector = {7};
        return Stream.of(
                row("Conv2D", () -> new Conv2D(4, 3).padding("same").activation("relu"), false, image),
                row("Conv2D strided", () -> new Conv2D(2, new int[] {2, 3}).strides(2), false, image),
                row("Conv1D", () -> new Conv1D(4, 2).padding("same").activation("sigmoid"), false, new int[] {6, 3}),
                row("Conv1D strided", () -> new Conv1D(2, 3).strides(2), false, new int[] {7, 2}),
                row("Dense", () -> new Dense(3).activation("tanh"), false, vector),
                row("BatchNormalization", () -> new BatchNormalization().momentum(0.9), false, image),
                row("Activation", () -> new Activation("sigmoid"), true, image),
                row("MaxPooling2D", () -> new MaxPooling2D(2), true, image),
                row("MaxPool2D same", () -> new MaxPool2D(2).padding("same"), true, image),
                row("AveragePooling2D", () -> new AveragePooling2D(2).strides(1), true, image),
                row("AvgPool2D", () -> new AvgPool2D(3), true, image),
                row("GlobalAveragePooling2D", () -> new GlobalAveragePooling2D().keepdims(true), true, image),
                row("GlobalMaxPooling2D", GlobalMaxPooling2D::new, true, image),
                row("Flatten", Flatten::new, true, image),
                row("Dropout", () -> new Dropout(0.5).seed(1), false, vector),
                row("Reshape", () -> new Reshape(-1, 3), true, image),
                row("ZeroPadding2D", () -> new ZeroPadding2D(1, 0, 2, 1), true, image),
                row("Cropping2D", () -> new Cropping2D(1, 2), true, image),
                row("Add", Add::new, true, image, image),
                row("Subtract", Subtract::new, true, vector, vector),
                row("Multiply", Multiply::new, true, image, image, image),
                row("Average", Average::new, true, vector, vector),
                row("Maximum", Maximum::new, true, image, image),
                row("Minimum", Minimum::new, true, vector, vector),
                row("Concatenate", () -> new Concatenate(-1), true, image, new int[] {5, 6, 2}),
                // Gradients of the rectifiers are checked away from their kinks in RectifierLayersTest.
                row("ReLU", () -> new ReLU().maxValue(6.0).threshold(0.1).negativeSlope(0.2), false, image),
                row("LeakyReLU", () -> new LeakyReLU().negativeSlope(0.5), false, vector),
                row("Softmax", Softmax::new, true, vector))
                .map(Arguments::of);
    }

    private static List<INDArray> inputs(Row r, long salt, DataType type) {
        List<INDArray> xs = new ArrayList<>();
        for (int i = 0; i < r.shapes().size(); i++) {
            long[] shape = new long[r.shapes().get(i).length + 1];
            shape[0] = 2;
            for (int d = 1; d < shape.length; d++) {
                shape[d] = r.shapes().get(i)[d - 1];
            }
            // Distinct values a step apart: no ties for pooling, maximum or minimum.
            xs.add(distinct(salt + i, 0.013 + 0.001 * i, shape).castTo(type));
        }
        return xs;
    }

    private static Tensor forward(Layer layer, List<INDArray> xs, boolean training) {
        List<Tensor> ts = xs.stream().map(Tensor::constant).toList();
        try (GradMode.Scope off = GradMode.disabled()) {
            return layer.forward(ts, training);
        }
    }

    private static Layer built(Row r) {
        Layer layer = r.make().get();
        List<KerasTensor> in = new ArrayList<>();
        for (int[] s : r.shapes()) {
            in.add(Input.shape(s));
        }
        layer.apply(in);
        return layer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void symbolicShapeMatchesTheComputedOne(Row r) {
        Lamina.setSeed(1);
        Layer layer = r.make().get();
        List<KerasTensor> in = new ArrayList<>();
        for (int[] s : r.shapes()) {
            in.add(Input.shape(s));
        }
        KerasTensor out = layer.apply(in);
        assertThat(layer.isBuilt()).isTrue();
        List<INDArray> xs = inputs(r, 3, DataType.FLOAT);
        long[] actual = forward(layer, xs, false).shape();
        long[] expected = out.shape();
        expected[0] = 2;
        assertThat(actual).as("call's shape against computeOutputShape").containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void configRoundTripsThroughTheRegistry(Row r) {
        Lamina.setSeed(2);
        Layer layer = built(r);
        Map<String, Object> config = layer.getConfig();
        Layer again = LayerRegistry.fromConfig(layer.className(), new LinkedHashMap<>(config));
        // Keras' aliases (MaxPool2D) come back as the class they name (MaxPooling2D).
        assertThat(again.className()).isEqualTo(layer.className());
        assertThat(again.getConfig()).isEqualTo(config);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void ownVariablesSaveAndLoad(Row r) {
        Lamina.setSeed(3);
        Layer layer = built(r);
        List<INDArray> xs = inputs(r, 5, DataType.FLOAT);
        // Moving statistics away from their initial values, so a load that did nothing would show.
        if (layer instanceof BatchNormalization) {
            forward(layer, xs, true);
        }
        Map<String, INDArray> store = new LinkedHashMap<>();
        layer.saveOwnVariables(store);
        assertThat(store).hasSize(layer.weights().size());
        Map<String, INDArray> copy = new LinkedHashMap<>();
        store.forEach((k, v) -> copy.put(k, v.dup()));

        Lamina.setSeed(99);
        Layer other = built(new Row(r.name(), () -> LayerRegistry.fromConfig(layer.className(),
                new LinkedHashMap<>(layer.getConfig())), r.shapes(), r.gradCheck()));
        other.loadOwnVariables(copy);
        for (int i = 0; i < layer.weights().size(); i++) {
            assertThat(other.weights().get(i).value()).isEqualTo(layer.weights().get(i).value());
        }
        assertThat(forward(other, xs, false).value()).isEqualTo(forward(layer, xs, false).value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsPassAFiniteDifferenceCheck(Row r) {
        assumeTrue(r.gradCheck(), "float32 weights: the layer's ops have their float64 checks in core's OpsGradientTest");
        Layer layer = built(r);
        INDArray[] xs = inputs(r, 7, DataType.DOUBLE).toArray(new INDArray[0]);
        check(r.name(), t -> layer.forward(Arrays.asList(t), true), xs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void aFrozenLayerHasNoTrainableWeightAndNormalizesWithItsStatistics(Row r) {
        Lamina.setSeed(4);
        Layer layer = built(r);
        int count = layer.weights().size();
        layer.trainable(false);
        assertThat(layer.trainableWeights()).isEmpty();
        assertThat(layer.nonTrainableWeights()).hasSize(count);
        if (layer instanceof BatchNormalization) {
            List<INDArray> xs = inputs(r, 9, DataType.FLOAT);
            INDArray moving = layer.weights().get(2).value().dup();
            // Keras: a frozen BatchNormalization runs in inference mode even in training.
            assertThat(forward(layer, xs, true).value()).isEqualTo(forward(layer, xs, false).value());
            assertThat(layer.weights().get(2).value()).isEqualTo(moving);
        }
        layer.trainable(true);
        assertThat(layer.nonTrainableWeights()).hasSize(layer instanceof BatchNormalization ? 2 : 0);
    }
}
