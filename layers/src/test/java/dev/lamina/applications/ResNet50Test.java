package dev.lamina.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Weight;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ResNet50 as Keras builds it: names, order, parameter counts, shapes and Keras' argument errors. */
class ResNet50Test {

    private static final ApplicationOptions RANDOM = ApplicationOptions.defaults().weights((String) null);

    private static long trainable(Model m) {
        return m.weights().stream().filter(Weight::isTrainable).mapToLong(w -> w.value().length()).sum();
    }

    private static List<String> names(Model m) {
        return m.layers().stream().map(Layer::name).toList();
    }

    @Test
    void withTheTopItHasKerasParameterCountAndLayerNamesInKerasOrder() {
        Model m = ResNet50.create(RANDOM);
        assertThat(m.name()).isEqualTo("resnet50");
        assertThat(m.countParams()).isEqualTo(25_636_712L);
        assertThat(m.countParams() - trainable(m)).isEqualTo(53_120L);
        List<String> names = names(m);
        assertThat(names).hasSize(177);
        assertThat(names.subList(1, 19)).containsExactly("conv1_pad", "conv1_conv", "conv1_bn", "conv1_relu",
                "pool1_pad", "pool1_pool", "conv2_block1_1_conv", "conv2_block1_1_bn", "conv2_block1_1_relu",
                "conv2_block1_2_conv", "conv2_block1_2_bn", "conv2_block1_2_relu", "conv2_block1_0_conv",
                "conv2_block1_3_conv", "conv2_block1_0_bn", "conv2_block1_3_bn", "conv2_block1_add",
                "conv2_block1_out");
        assertThat(names.subList(names.size() - 3, names.size())).containsExactly("conv5_block3_out", "avg_pool",
                "predictions");
        assertThat(m.getLayer(0).className()).isEqualTo("InputLayer");
        assertThat(m.output().shape()).containsExactly(-1, 1000);

        Conv2D first = (Conv2D) m.getLayer("conv3_block1_1_conv");
        assertThat(first.strides()).containsExactly(2, 2);
        assertThat(((Conv2D) m.getLayer("conv3_block1_2_conv")).strides()).containsExactly(1, 1);
        assertThat(first.weights()).extracting(Weight::name).containsExactly("kernel", "bias");
        assertThat(((BatchNormalization) m.getLayer("conv1_bn")).getConfig().get("epsilon")).isEqualTo(1.001e-5);

        // Keras' functional summary: the "Connected to" column, totals as Keras prints them.
        String summary = m.summaryString();
        assertThat(summary).startsWith("Model: \"resnet50\"").contains("┃ Connected to        ┃")
                .contains("│ conv1_pad             │ (None, 230, 230, 3) │            0 │ input_layer")
                .contains("│ (ZeroPadding2D)       │")
                .contains("│ conv2_block1_add      │ (None, 56, 56, 256) │            0 │ conv2_block1_0_bn[… │")
                .contains("│ predictions (Dense)   │ (None, 1000)        │    2,049,000 │ avg_pool[0][0]      │")
                .contains("Total params: 25,636,712 (97.80 MB)")
                .contains("Trainable params: 25,583,592 (97.59 MB)")
                .contains("Non-trainable params: 53,120 (207.50 KB)");
    }

    @Test
    void withoutTheTopCountsAndPoolingOptionsMatchKeras() {
        Model features = ResNet50.create(RANDOM.includeTop(false).inputShape(150, 150, 3));
        assertThat(features.countParams()).isEqualTo(23_587_712L);
        assertThat(features.countParams() - trainable(features)).isEqualTo(53_120L);
        assertThat(features.layers()).hasSize(175);
        assertThat(names(features).get(174)).isEqualTo("conv5_block3_out");
        assertThat(features.output().shape()).containsExactly(-1, 5, 5, 2048);

        Model avg = ResNet50.create(RANDOM.includeTop(false).inputShape(64, 64, 3).pooling("avg"));
        assertThat(names(avg).get(avg.layers().size() - 1)).isEqualTo("avg_pool");
        assertThat(avg.output().shape()).containsExactly(-1, 2048);
        Model max = ResNet50.create(RANDOM.includeTop(false).inputShape(64, 64, 3).pooling("max"));
        assertThat(names(max).get(max.layers().size() - 1)).isEqualTo("max_pool");
        assertThat(max.countParams()).isEqualTo(23_587_712L);

        // One forward pass on a small batch at the smallest size.
        Model small = ResNet50.create(RANDOM.includeTop(false).inputShape(32, 32, 3).pooling("avg").name("tiny"));
        INDArray out = small.predict(Nd4j.rand(DataType.FLOAT, 2, 32, 32, 3).muli(255));
        assertThat(out.shape()).containsExactly(2, 2048);
        assertThat(small.name()).isEqualTo("tiny");
    }

    @Test
    void topWithOtherClassesAndAnInputTensor() {
        KerasTensor in = Input.shape(48, 48, 3);
        Model m = ResNet50.create(RANDOM.inputTensor(in).classes(12).classifierActivation(null));
        assertThat(m.inputs()).containsExactly(in);
        assertThat(m.output().shape()).containsExactly(-1, 12);
        assertThat(m.countParams()).isEqualTo(23_587_712L + 2048 * 12 + 12);
    }

    @Test
    void badArgumentsGiveKerasErrors() {
        assertThatThrownBy(() -> ResNet50.create(ApplicationOptions.defaults().classes(12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("If using `weights='imagenet'` with `include_top=True`, `classes` should be 1000.  "
                        + "Received classes=12");
        assertThatThrownBy(() -> ResNet50.create(ApplicationOptions.defaults().weights("no/such/file.h5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The `weights` argument should be either `None` (random initialization), "
                        + "'imagenet' (pre-training on ImageNet), or the path to the weights file to be loaded.")
                .hasMessageEndingWith("Received: weights=no/such/file.h5");
        assertThatThrownBy(() -> ResNet50.create(ApplicationOptions.defaults().inputShape(150, 150, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be "
                        + "(224, 224, 3).  Received: input_shape=(150, 150, 3)");
        assertThatThrownBy(() -> ResNet50.create(RANDOM.includeTop(false).inputShape(31, 64, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Input size must be at least 32x32; Received: input_shape=(31, 64, 3)");
        assertThatThrownBy(() -> ResNet50.create(ApplicationOptions.defaults().includeTop(false).inputShape(64, 64, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The input must have 3 channels; Received `input_shape=(64, 64, 1)`");
        assertThatThrownBy(() -> ResNet50.create(RANDOM.includeTop(false).inputShape(64, 64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("`input_shape` must be a tuple of three integers.");
        assertThatThrownBy(() -> ResNet50.create(RANDOM.includeTop(false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_shape");
        assertThatThrownBy(() -> ResNet50.create(ApplicationOptions.defaults().classifierActivation("relu")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Only `None` and `softmax` activations are allowed for the `classifier_activation` "
                        + "argument when using pretrained weights, with `include_top=True`; Received: "
                        + "classifier_activation=relu");
        assertThatThrownBy(() -> ApplicationOptions.defaults().pooling("sum"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pooling=sum");
    }
}
