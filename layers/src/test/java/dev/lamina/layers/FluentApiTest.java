package dev.lamina.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import dev.lamina.optim.RMSprop;
import dev.lamina.optim.SGD;
import org.junit.jupiter.api.Test;

/**
 * Setters chain in any order and keep the concrete type: these lines compile only if every setter,
 * inherited ones included, returns the class it was called on.
 */
class FluentApiTest {

    @Test
    void layerSettersReturnTheConcreteTypeInAnyOrder() {
        Conv2D conv = new Conv2D(32, 3).name("c1").trainable(false).activation("relu").strides(2);
        assertThat(conv.name()).isEqualTo("c1");
        assertThat(conv.isTrainable()).isFalse();
        assertThat(conv.activation().name()).isEqualTo("relu");

        Dense dense = new Dense(10).inputShape(4).name("d").activation("softmax").useBias(false);
        assertThat(dense.declaredInputShape()).containsExactly(-1, 4);
        MaxPooling2D pool = new MaxPooling2D(2).name("p").strides(2).padding("same");
        assertThat(pool.name()).isEqualTo("p");
        GlobalAveragePooling2D gap = new GlobalAveragePooling2D().name("g").keepdims(true).trainable(true);
        assertThat(gap.keepdims()).isTrue();
        BatchNormalization bn = new BatchNormalization().name("bn").momentum(0.9).epsilon(1e-5);
        Add add = new Add().name("sum");
        Concatenate cat = new Concatenate(1).name("cat").trainable(false);
        Dropout drop = new Dropout(0.5).name("drop").seed(3);
        assertThat(java.util.List.of(bn, add, cat, drop)).extracting(Layer::name)
                .containsExactly("bn", "sum", "cat", "drop");

        Sequential seq = new Sequential(new Dense(2).inputShape(3)).name("seq").trainable(false);
        dev.lamina.layers.KerasTensor in = Input.shape(3);
        Model model = new Model(in, new Dense(2).apply(in)).name("m");
        assertThat(seq.name()).isEqualTo("seq");
        assertThat(model.name()).isEqualTo("m");
    }

    @Test
    void optimizerSettersReturnTheConcreteTypeInAnyOrder() {
        Adam adam = new Adam().learningRate(1e-3).beta1(0.8).clipnorm(1.0);
        assertThat(adam.learningRate()).isEqualTo(1e-3);
        SGD sgd = new SGD().lr(0.1).momentum(0.9).clipvalue(0.5).nesterov(true);
        assertThat(sgd.learningRate()).isEqualTo(0.1);
        RMSprop rms = new RMSprop().weightDecay(0.01).rho(0.8).lr(0.01);
        assertThat(rms.learningRate()).isEqualTo(0.01);
    }
}
