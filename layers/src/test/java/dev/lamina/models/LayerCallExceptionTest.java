package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.backend.NativeOpException;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LayerCallExceptionTest {

    @Test
    void aNativeFailureInsideALayerNamesTheLayerAndItsInputs() {
        // Called directly on the model (as a layer of another graph), nothing converts the uint8 input.
        Sequential m = new Sequential(new Conv2D(2, 3).name("conv").inputShape(6, 6, 1), new Flatten(),
                new Dense(3).name("head"));
        assertThatThrownBy(() -> m.forward(Tensor.constant(Nd4j.ones(DataType.UINT8, 2, 6, 6, 1)), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Exception encountered when calling layer \"conv\" (Conv2D) on inputs "
                        + "[uint8 (2, 6, 6, 1)], training=false: Native op conv2d failed")
                .hasRootCauseInstanceOf(NativeOpException.class);
    }
}
