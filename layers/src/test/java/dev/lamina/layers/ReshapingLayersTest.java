package dev.lamina.layers;

import static dev.lamina.testing.GradCheck.check;
import static dev.lamina.testing.GradCheck.distinct;
import static dev.lamina.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.lamina.core.Lamina;
import dev.lamina.core.Tensor;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ZeroPadding2D, Cropping2D, Reshape, GlobalMaxPooling2D and GlobalAveragePooling2D's keepdims:
 * output shapes, values against plain loops, config round trips, argument checks and gradients.
 */
class ReshapingLayersTest {

    private static INDArray run(Layer layer, INDArray x) {
        return layer.forward(Tensor.constant(x), false).value();
    }

    /** The config survives fromConfig unchanged, and the rebuilt layer computes the same output. */
    private static void assertRoundTrip(Layer layer, Function<Map<String, Object>, Layer> fromConfig, INDArray x) {
        Map<String, Object> config = layer.getConfig();
        Layer rebuilt = fromConfig.apply(new HashMap<>(config));
        assertThat(rebuilt.getClass()).isEqualTo(layer.getClass());
        assertThat(rebuilt.getConfig()).isEqualTo(config);
        assertThat(run(rebuilt, x)).isEqualTo(run(layer, x));
        Layer registered = LayerRegistry.fromConfig(layer.className(), new HashMap<>(config));
        assertThat(registered.getConfig()).isEqualTo(config);
    }

    /** Finite-difference check of the gradient through the layer's forward pass. */
    private static void checkGradient(String name, Layer layer, INDArray x) {
        check(name, t -> layer.forward(t[0], true), x);
    }

    // ---- ZeroPadding2D ----

    @Test
    void zeroPaddingArgumentForms() {
        assertThat(new ZeroPadding2D().padding()).containsExactly(1, 1, 1, 1);
        assertThat(new ZeroPadding2D(2).padding()).containsExactly(2, 2, 2, 2);
        assertThat(new ZeroPadding2D(1, 3).padding()).containsExactly(1, 1, 3, 3);
        assertThat(new ZeroPadding2D(0, 1, 2, 3).padding()).containsExactly(0, 1, 2, 3);
        assertThat(new ZeroPadding2D(0, 1, 2, 3).computeOutputShape(new long[] {-1, 4, 5, 3}))
                .containsExactly(-1, 5, 10, 3);
        assertThat(new ZeroPadding2D(1).computeOutputShape(new long[] {-1, -1, 5, 3})).containsExactly(-1, -1, 7, 3);
    }

    @Test
    void zeroPaddingValues() {
        INDArray x = uniform(1, -1, 1, 2, 3, 4, 2).castTo(DataType.FLOAT);
        INDArray y = run(new ZeroPadding2D(2, 0, 1, 3), x);
        assertThat(y.shape()).containsExactly(2, 5, 8, 2);
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 5; h++) {
                for (int w = 0; w < 8; w++) {
                    for (int c = 0; c < 2; c++) {
                        boolean inside = h >= 2 && w >= 1 && w < 5;
                        float expected = inside ? x.getFloat(n, h - 2, w - 1, c) : 0f;
                        assertThat(y.getFloat(n, h, w, c)).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void zeroPaddingConfig() {
        ZeroPadding2D layer = new ZeroPadding2D(0, 1, 2, 3);
        Map<String, Object> config = layer.getConfig();
        assertThat(config).containsEntry("padding", List.of(List.of(0, 1), List.of(2, 3)))
                .containsEntry("data_format", "channels_last");
        assertRoundTrip(layer, ZeroPadding2D::fromConfig, uniform(2, -1, 1, 2, 3, 4, 2));
        // Keras also accepts one int and (height, width) in a config.
        assertThat(ZeroPadding2D.fromConfig(Map.of("padding", 2)).padding()).containsExactly(2, 2, 2, 2);
        assertThat(ZeroPadding2D.fromConfig(Map.of("padding", List.of(1, 4))).padding())
                .containsExactly(1, 1, 4, 4);
        assertThat(ZeroPadding2D.fromConfig(Map.of()).padding()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void zeroPaddingRejectsBadArguments() {
        assertThatThrownBy(() -> new ZeroPadding2D(1, -1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZeroPadding2D")
                .hasMessageContaining("Received: padding=((1, -1), (0, 0))");
        assertThatThrownBy(() -> new ZeroPadding2D(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: padding=((-2, -2), (-2, -2))");
        assertThatThrownBy(() -> ZeroPadding2D.fromConfig(Map.of("padding", List.of(1, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: padding=[1, 2, 3]");
        assertThatThrownBy(() -> ZeroPadding2D.fromConfig(Map.of("padding", 1, "data_format", "channels_first")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZeroPadding2D")
                .hasMessageContaining("Received: data_format=channels_first");
        assertThatThrownBy(() -> new ZeroPadding2D().computeOutputShape(new long[] {-1, 4, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected ndim=4")
                .hasMessageContaining("(None, 4, 3)");
    }

    @Test
    void zeroPaddingGradient() {
        checkGradient("ZeroPadding2D", new ZeroPadding2D(1, 2, 0, 1), uniform(3, -1, 1, 2, 3, 4, 2));
    }

    // ---- Cropping2D ----

    @Test
    void croppingArgumentForms() {
        assertThat(new Cropping2D().cropping()).containsExactly(0, 0, 0, 0);
        assertThat(new Cropping2D(1).cropping()).containsExactly(1, 1, 1, 1);
        assertThat(new Cropping2D(2, 1).cropping()).containsExactly(2, 2, 1, 1);
        assertThat(new Cropping2D(0, 1, 2, 3).cropping()).containsExactly(0, 1, 2, 3);
        assertThat(new Cropping2D(0, 1, 2, 3).computeOutputShape(new long[] {-1, 4, 6, 3}))
                .containsExactly(-1, 3, 1, 3);
        assertThat(new Cropping2D(1).computeOutputShape(new long[] {-1, -1, 5, 3})).containsExactly(-1, -1, 3, 3);
    }

    @Test
    void croppingValues() {
        INDArray x = uniform(4, -1, 1, 2, 5, 6, 3).castTo(DataType.FLOAT);
        INDArray y = run(new Cropping2D(1, 2, 3, 0), x);
        assertThat(y.shape()).containsExactly(2, 2, 3, 3);
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 3; w++) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(y.getFloat(n, h, w, c)).isEqualTo(x.getFloat(n, h + 1, w + 3, c));
                    }
                }
            }
        }
        assertThat(run(new Cropping2D(), x)).isEqualTo(x);
    }

    @Test
    void croppingConfig() {
        Cropping2D layer = new Cropping2D(1, 0, 2, 1);
        assertThat(layer.getConfig()).containsEntry("cropping", List.of(List.of(1, 0), List.of(2, 1)))
                .containsEntry("data_format", "channels_last");
        assertRoundTrip(layer, Cropping2D::fromConfig, uniform(5, -1, 1, 2, 4, 5, 2));
        assertThat(Cropping2D.fromConfig(Map.of("cropping", List.of(2, 1))).cropping())
                .containsExactly(2, 2, 1, 1);
        assertThat(Cropping2D.fromConfig(Map.of()).cropping()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void croppingRejectsBadArguments() {
        assertThatThrownBy(() -> new Cropping2D(0, 0, -1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cropping2D")
                .hasMessageContaining("Received: cropping=((0, 0), (-1, 2))");
        Cropping2D all = new Cropping2D(2, 2, 0, 0);
        all.name("crop_all");
        assertThatThrownBy(() -> all.computeOutputShape(new long[] {-1, 4, 5, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"crop_all\" (Cropping2D)")
                .hasMessageContaining("input_shape=(None, 4, 5, 2)")
                .hasMessageContaining("cropping=((2, 2), (0, 0))");
        assertThatThrownBy(() -> new Cropping2D(0, 0, 3, 3).forward(Tensor.constant(Nd4j.zeros(2, 4, 5, 2)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cropping=((0, 0), (3, 3))");
        assertThatThrownBy(() -> Cropping2D.fromConfig(Map.of("data_format", "channels_first")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: data_format=channels_first");
    }

    @Test
    void croppingGradient() {
        checkGradient("Cropping2D", new Cropping2D(1, 0, 1, 2), uniform(6, -1, 1, 2, 3, 5, 2));
    }

    // ---- Reshape ----

    @Test
    void reshapeShapes() {
        assertThat(new Reshape(4, 6).computeOutputShape(new long[] {-1, 2, 3, 4})).containsExactly(-1, 4, 6);
        assertThat(new Reshape(-1, 3).computeOutputShape(new long[] {-1, 2, 3, 4})).containsExactly(-1, 8, 3);
        assertThat(new Reshape(2, -1, 2).computeOutputShape(new long[] {5, 12})).containsExactly(5, 2, 3, 2);
        // With an unknown sample size, the -1 stays unknown.
        assertThat(new Reshape(-1, 3).computeOutputShape(new long[] {-1, -1, 3})).containsExactly(-1, -1, 3);
        assertThat(new Reshape(-1, 3).targetShape()).containsExactly(-1, 3);
    }

    @Test
    void reshapeValues() {
        INDArray x = uniform(7, -1, 1, 2, 3, 4);
        INDArray y = run(new Reshape(2, -1, 3), x);
        assertThat(y.shape()).containsExactly(2, 2, 2, 3);
        // Row-major: a sample's k-th element (over h, w, c) keeps its place k.
        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < 12; k++) {
                assertThat(y.getDouble(n, k / 6, k / 3 % 2, k % 3)).isEqualTo(x.getDouble(n, k / 4, k % 4));
            }
        }
    }

    @Test
    void reshapeConfig() {
        Reshape layer = new Reshape(-1, 4);
        assertThat(layer.getConfig()).containsEntry("target_shape", List.of(-1L, 4L));
        assertRoundTrip(layer, Reshape::fromConfig, uniform(8, -1, 1, 3, 2, 4));
        // A Keras file's integers come back as Integer.
        assertThat(Reshape.fromConfig(Map.of("target_shape", List.of(3, 2))).targetShape()).containsExactly(3, 2);
    }

    @Test
    void reshapeRejectsBadArguments() {
        assertThatThrownBy(() -> new Reshape(-1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most one unknown dimension")
                .hasMessageContaining("Received: target_shape=(-1, -1)");
        assertThatThrownBy(() -> new Reshape(3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: target_shape=(3, 0)");
        assertThatThrownBy(() -> new Reshape(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: target_shape=(-2,)");
        Reshape fixed = new Reshape(5, 5);
        fixed.name("to_5x5");
        assertThatThrownBy(() -> fixed.computeOutputShape(new long[] {-1, 6, 4}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"to_5x5\" (Reshape)")
                .hasMessageContaining("must be unchanged")
                .hasMessageContaining("input_shape=(None, 6, 4)")
                .hasMessageContaining("target_shape=(5, 5)");
        assertThatThrownBy(() -> new Reshape(-1, 2).computeOutputShape(new long[] {-1, 7}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be divided")
                .hasMessageContaining("input_shape=(None, 7)")
                .hasMessageContaining("target_shape=(-1, 2)");
        assertThatThrownBy(() -> new Reshape(4).forward(Tensor.constant(Nd4j.zeros(2, 3)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input_shape=(None, 3)")
                .hasMessageContaining("target_shape=(4,)");
        assertThatThrownBy(() -> Reshape.fromConfig(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target_shape");
    }

    @Test
    void reshapeGradient() {
        checkGradient("Reshape", new Reshape(3, -1), uniform(9, -1, 1, 2, 2, 3, 2));
    }

    // ---- global pooling ----

    @Test
    void globalPoolingShapes() {
        long[] in = {-1, 5, 6, 3};
        assertThat(new GlobalMaxPooling2D().computeOutputShape(in)).containsExactly(-1, 3);
        assertThat(new GlobalMaxPooling2D().keepdims(true).computeOutputShape(in)).containsExactly(-1, 1, 1, 3);
        assertThat(new GlobalAveragePooling2D().computeOutputShape(in)).containsExactly(-1, 3);
        assertThat(new GlobalAveragePooling2D().keepdims(true).computeOutputShape(in)).containsExactly(-1, 1, 1, 3);
        assertThatThrownBy(() -> new GlobalMaxPooling2D().computeOutputShape(new long[] {-1, 5, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GlobalMaxPooling2D")
                .hasMessageContaining("(None, 5, 3)");
    }

    @Test
    void globalPoolingValues() {
        INDArray x = uniform(10, -1, 1, 2, 3, 4, 5).castTo(DataType.FLOAT);
        INDArray max = run(new GlobalMaxPooling2D(), x);
        INDArray maxKept = run(new GlobalMaxPooling2D().keepdims(true), x);
        INDArray avgKept = run(new GlobalAveragePooling2D().keepdims(true), x);
        assertThat(max.shape()).containsExactly(2, 5);
        assertThat(maxKept.shape()).containsExactly(2, 1, 1, 5);
        assertThat(avgKept.shape()).containsExactly(2, 1, 1, 5);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 5; c++) {
                float best = Float.NEGATIVE_INFINITY;
                double sum = 0;
                for (int h = 0; h < 3; h++) {
                    for (int w = 0; w < 4; w++) {
                        best = Math.max(best, x.getFloat(n, h, w, c));
                        sum += x.getFloat(n, h, w, c);
                    }
                }
                assertThat(max.getFloat(n, c)).isEqualTo(best);
                assertThat(maxKept.getFloat(n, 0, 0, c)).isEqualTo(best);
                assertThat((double) avgKept.getFloat(n, 0, 0, c)).isCloseTo(sum / 12, offset(1e-6));
            }
        }
    }

    @Test
    void globalPoolingConfig() {
        INDArray x = uniform(11, -1, 1, 2, 3, 4, 2);
        GlobalMaxPooling2D max = new GlobalMaxPooling2D().keepdims(true);
        assertThat(max.getConfig()).containsEntry("keepdims", true).containsEntry("data_format", "channels_last");
        assertRoundTrip(max, GlobalMaxPooling2D::fromConfig, x);
        assertRoundTrip(new GlobalMaxPooling2D(), GlobalMaxPooling2D::fromConfig, x);
        GlobalAveragePooling2D avg = new GlobalAveragePooling2D().keepdims(true);
        assertThat(avg.getConfig()).containsEntry("keepdims", true).containsEntry("data_format", "channels_last");
        assertRoundTrip(avg, GlobalAveragePooling2D::fromConfig, x);
        assertThat(new GlobalAveragePooling2D().getConfig()).containsEntry("keepdims", false);
        assertThat(GlobalAveragePooling2D.fromConfig(Map.of()).keepdims()).isFalse();
        assertThat(GlobalMaxPooling2D.fromConfig(Map.of()).keepdims()).isFalse();
        assertThat(LayerRegistry.fromConfig("GlobalMaxPool2D", Map.of("keepdims", true)))
                .isInstanceOf(GlobalMaxPooling2D.class)
                .satisfies(l -> assertThat(((GlobalPooling2D) l).keepdims()).isTrue());
        assertThatThrownBy(() -> GlobalMaxPooling2D.fromConfig(Map.of("data_format", "channels_first")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GlobalMaxPooling2D")
                .hasMessageContaining("Received: data_format=channels_first");
        assertThatThrownBy(() -> GlobalAveragePooling2D.fromConfig(Map.of("data_format", "channels_first")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GlobalAveragePooling2D");
    }

    @Test
    void globalPoolingGradients() {
        // Distinct values: every maximum is unique under the probe step.
        INDArray x = distinct(12, 0.01, 2, 3, 4, 3);
        checkGradient("GlobalMaxPooling2D", new GlobalMaxPooling2D(), x);
        checkGradient("GlobalMaxPooling2D keepdims", new GlobalMaxPooling2D().keepdims(true), x);
        checkGradient("GlobalAveragePooling2D keepdims", new GlobalAveragePooling2D().keepdims(true), x);
    }

    // ---- in a model ----

    @Test
    void trainsInASequentialModel() {
        Lamina.setSeed(5);
        Sequential model = new Sequential(
                new ZeroPadding2D(1).inputShape(6, 6, 1),
                new Conv2D(4, 3).activation("relu"),
                new Cropping2D(1, 0, 0, 1),
                new GlobalMaxPooling2D().keepdims(true),
                new Reshape(-1),
                new Dense(3).activation("softmax"));
        assertThat(model.layers().get(2).computeOutputShape(new long[] {-1, 6, 6, 4})).containsExactly(-1, 5, 5, 4);
        model.compile("adam", "categorical_crossentropy");
        INDArray x = uniform(13, 0, 1, 8, 6, 6, 1).castTo(DataType.FLOAT);
        INDArray y = Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1).castTo(DataType.FLOAT);
        model.fit(x, y, FitOptions.epochs(1).batchSize(4).verbose(0));
        assertThat(model.predict(x).shape()).containsExactly(8, 3);
    }
}
