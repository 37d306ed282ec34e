package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import org.junit.jupiter.api.Test;

/** Keras' "Connected to" column for functional models with branches; chains keep three columns. */
class SummaryConnectedTest {

    @Test
    void residualBlockListsEachLayersInputs() {
        KerasTensor in = new InputLayer(8, 8, 4).name("img").apply();
        KerasTensor a = new Conv2D(4, 1).name("branch_conv").apply(in);
        KerasTensor b = new Activation("relu").name("branch_relu").apply(a);
        KerasTensor out = new Add().name("block_add").apply(in, b);
        Model m = new Model(in, out).name("block");
        String s = m.summaryString();
        assertThat(s).contains("┡━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━┩\n"
                + "│ img (InputLayer)      │ (None, 8, 8, 4)     │            0 │ -                   │\n"
                + "├───────────────────────┼─────────────────────┼──────────────┼─────────────────────┤\n"
                + "│ branch_conv (Conv2D)  │ (None, 8, 8, 4)     │           20 │ img[0][0]           │\n");
        assertThat(s).contains("│ branch_relu           │ (None, 8, 8, 4)     │            0 │ branch_conv[0][0]   │\n"
                + "│ (Activation)          │                     │              │                     │\n");
        assertThat(s).contains("│ block_add (Add)       │ (None, 8, 8, 4)     │            0 │ img[0][0],          │\n"
                + "│                       │                     │              │ branch_relu[0][0]   │\n"
                + "└───────────────────────┴─────────────────────┴──────────────┴─────────────────────┘\n");
        assertThat(s).contains("Total params: 20 (80.00 B)");
    }

    @Test
    void aChainKeepsThreeColumns() {
        KerasTensor in = Input.shape(4);
        Model m = new Model(in, new Dense(2).apply(new Dense(3).apply(in)));
        assertThat(m.summaryString()).doesNotContain("Connected to").contains("Param #");
        assertThat(Summary.sequentialLike(m)).isTrue();
    }
}
