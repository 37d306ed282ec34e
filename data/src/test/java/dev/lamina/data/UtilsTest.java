package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UtilsTest {

    @Test
    void toCategoricalFromUint8Vector() {
        INDArray labels = UInt8.of(new byte[] {2, 0, 1, (byte) 3}, 4);
        INDArray y = Utils.toCategorical(labels, 4);
        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(y.shape()).containsExactly(4, 4);
        assertThat(y.toFloatMatrix()).isEqualTo(new float[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}});
    }

    @Test
    void toCategoricalFromColumnOfAnyType() {
        INDArray column = Nd4j.createFromArray(new long[] {1, 0}).reshape(2, 1);
        assertThat(Utils.toCategorical(column, 3).shape()).containsExactly(2, 3);
        INDArray floats = Nd4j.createFromArray(new float[] {2f, 1f});
        assertThat(Utils.toCategorical(floats, 3).getFloat(0, 2)).isEqualTo(1f);
        INDArray cifarLike = UInt8.of(new byte[] {9}, 1, 1);
        assertThat(Utils.toCategorical(cifarLike, 10).shape()).containsExactly(1, 10);
        assertThat(Utils.toCategorical(Nd4j.createFromArray(new int[] {0, 4})).shape()).containsExactly(2, 5);
    }

    @Test
    void labelOutsideRangeNamesLabelAndIndex() {
        INDArray labels = Nd4j.createFromArray(new int[] {0, 3, 24, 1});
        assertThatThrownBy(() -> Utils.toCategorical(labels, 24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Label 24 at index 2").hasMessageContaining("[0, 24)");
        assertThatThrownBy(() -> Utils.toCategorical(Nd4j.createFromArray(new int[] {-1}), 3))
                .hasMessageContaining("Label -1 at index 0");
        assertThatThrownBy(() -> Utils.toCategorical(Nd4j.createFromArray(new double[] {0.5}), 3))
                .hasMessageContaining("0.5").hasMessageContaining("whole number");
        assertThatThrownBy(() -> Utils.toCategorical(labels, 0)).hasMessageContaining("numClasses=0");
    }

    @Test
    void trainValidationSplitTakesTheLastFraction() {
        INDArray x = Nd4j.arange(10 * 2).reshape(10, 2).castTo(DataType.FLOAT);
        INDArray y = Nd4j.arange(10).castTo(DataType.INT32);
        TrainValidationSplit s = Utils.trainValidationSplit(x, y, 0.25);
        // Keras: split_at = floor(10 * 0.75) = 7
        assertThat(s.xTrain().shape()).containsExactly(7, 2);
        assertThat(s.xValidation().shape()).containsExactly(3, 2);
        assertThat(s.yTrain().toIntVector()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(s.yValidation().toIntVector()).containsExactly(7, 8, 9);
        assertThat(s.xValidation().getFloat(0, 1)).isEqualTo(15f);
        assertThat(s.xValidation().isView()).isFalse();
    }

    @Test
    void trainValidationSplitOfImages() {
        INDArray images = UInt8.of(TestFiles.fakeImages(5, 0), 5, 28, 28);
        INDArray labels = UInt8.of(new byte[] {0, 1, 2, 3, 4}, 5);
        TrainValidationSplit s = Utils.trainValidationSplit(images, labels, 0.2);
        assertThat(s.xTrain().shape()).containsExactly(4, 28, 28);
        assertThat(s.xValidation().getInt(0, 27, 27)).isEqualTo(4);
        assertThat(s.xValidation().dataType()).isEqualTo(DataType.UINT8);
    }

    @Test
    void trainValidationSplitRejectsBadInput() {
        INDArray x = Nd4j.zeros(4, 2);
        assertThatThrownBy(() -> Utils.trainValidationSplit(x, Nd4j.zeros(3), 0.5)).hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> Utils.trainValidationSplit(x, Nd4j.zeros(4), 1.0))
                .hasMessageContaining("validationFraction=1.0");
        assertThatThrownBy(() -> Utils.trainValidationSplit(Nd4j.zeros(1, 2), Nd4j.zeros(1), 0.5))
                .hasMessageContaining("1 samples");
    }
}
