package dev.lamina.saving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keras' snake-case class names and per-container counters, as saving_lib writes them. */
class KerasNamesTest {

    @Test
    void classNamesBecomeKerasSnakeCase() {
        assertThat(KerasNames.toSnakeCase("Conv2D")).isEqualTo("conv2d");
        assertThat(KerasNames.toSnakeCase("MaxPooling2D")).isEqualTo("max_pooling2d");
        assertThat(KerasNames.toSnakeCase("BatchNormalization")).isEqualTo("batch_normalization");
        assertThat(KerasNames.toSnakeCase("GlobalAveragePooling2D")).isEqualTo("global_average_pooling2d");
        assertThat(KerasNames.toSnakeCase("DepthwiseConv2D")).isEqualTo("depthwise_conv2d");
        assertThat(KerasNames.toSnakeCase("ReLU")).isEqualTo("re_lu");
        assertThat(KerasNames.toSnakeCase("LeakyReLU")).isEqualTo("leaky_re_lu");
        assertThat(KerasNames.toSnakeCase("InputLayer")).isEqualTo("input_layer");
        assertThat(KerasNames.toSnakeCase("Sequential")).isEqualTo("sequential");
    }

    @Test
    void eachContainerCountsEachClassFromZero() {
        KerasNames.Counter c = new KerasNames.Counter();
        assertThat(c.next("Conv2D")).isEqualTo("conv2d");
        assertThat(c.next("MaxPooling2D")).isEqualTo("max_pooling2d");
        assertThat(c.next("Conv2D")).isEqualTo("conv2d_1");
        assertThat(c.next("Conv2D")).isEqualTo("conv2d_2");
        assertThat(c.next("Dense")).isEqualTo("dense");
        assertThat(new KerasNames.Counter().next("Conv2D")).isEqualTo("conv2d");
    }
}
