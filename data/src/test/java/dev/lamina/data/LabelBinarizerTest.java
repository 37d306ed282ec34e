package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LabelBinarizerTest {

    @Test
    void multiClassLikeScikitLearn() {
        // Sign-MNIST-like: 9 is absent, so 10 is the 9th column.
        INDArray labels = Nd4j.createFromArray(new int[] {10, 0, 24, 10, 3});
        LabelBinarizer lb = new LabelBinarizer();
        INDArray y = lb.fitTransform(labels);
        assertThat(lb.classes()).containsExactly(0, 3, 10, 24);
        assertThat(lb.numClasses()).isEqualTo(4);
        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(y.toFloatMatrix()).isEqualTo(new float[][] {
            {0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}, {0, 1, 0, 0}});
        INDArray probabilities = Nd4j.createFromArray(new float[][] {{0.1f, 0.2f, 0.6f, 0.1f}, {0.7f, 0.1f, 0.1f, 0.1f}});
        assertThat(lb.inverseTransform(probabilities).toLongVector()).containsExactly(10, 0);
        assertThat(lb.inverseTransform(y).toLongVector()).containsExactly(10, 0, 24, 10, 3);
    }

    @Test
    void binaryGivesOneColumnAsScikitLearn() {
        LabelBinarizer lb = new LabelBinarizer().fit(UInt8.of(new byte[] {5, 2, 5}, 3, 1));
        INDArray y = lb.transform(Nd4j.createFromArray(new int[] {2, 5}));
        assertThat(y.shape()).containsExactly(2, 1);
        assertThat(y.toFloatVector()).containsExactly(0f, 1f);
        assertThat(lb.inverseTransform(Nd4j.createFromArray(new float[] {0.9f, 0.2f}).reshape(2, 1)).toLongVector())
                .containsExactly(5, 2);
    }

    @Test
    void errorsNameTheProblem() {
        LabelBinarizer lb = new LabelBinarizer();
        assertThatThrownBy(() -> lb.transform(Nd4j.createFromArray(new int[] {1})))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fit");
        lb.fit(Nd4j.createFromArray(new int[] {0, 1, 2}));
        assertThatThrownBy(() -> lb.transform(Nd4j.createFromArray(new int[] {0, 7})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Label 7 at index 1")
                .hasMessageContaining("[0, 1, 2]");
        assertThatThrownBy(() -> lb.inverseTransform(Nd4j.zeros(2, 4))).hasMessageContaining("(N, 3)");
        assertThatThrownBy(() -> lb.fit(Nd4j.createFromArray(new double[] {1.5})))
                .hasMessageContaining("1.5");
    }
}
