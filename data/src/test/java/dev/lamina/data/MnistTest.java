package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The real MNIST from the shared test data, checked against the known values in its README. */
class MnistTest {

    private static ImageDataset mnist;

    @BeforeAll
    static void load() throws IOException {
        Path root = TestFiles.testData();
        mnist = Mnist.load(DatasetStore.defaults().root(root).download(false).progress(false));
    }

    @Test
    void shapesAndTypesAreKeras() {
        assertThat(mnist.trainImages().shape()).containsExactly(60000, 28, 28);
        assertThat(mnist.trainLabels().shape()).containsExactly(60000);
        assertThat(mnist.testImages().shape()).containsExactly(10000, 28, 28);
        assertThat(mnist.testLabels().shape()).containsExactly(10000);
        assertThat(mnist.trainImages().dataType()).isEqualTo(DataType.UINT8);
        assertThat(mnist.trainLabels().dataType()).isEqualTo(DataType.UINT8);
        assertThat(mnist.testImages().dataType()).isEqualTo(DataType.UINT8);
        assertThat(mnist.testLabels().dataType()).isEqualTo(DataType.UINT8);
        assertThat(mnist.labelNames()).hasSize(10).startsWith("0").endsWith("9");
    }

    @Test
    void labelHistogramsMatchTheReadme() {
        assertThat(TestFiles.histogram(mnist.trainLabels(), 10))
                .containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(TestFiles.histogram(mnist.testLabels(), 10))
                .containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    }

    @Test
    void pixelSumsMatchTheReadme() {
        assertThat(TestFiles.sum(mnist.trainImages())).isEqualTo(1567298545L);
        assertThat(TestFiles.sum(mnist.testImages())).isEqualTo(264923200L);
    }

    @Test
    void firstTrainingImageIsAFive() {
        assertThat(TestFiles.sum(mnist.trainImages().get(NDArrayIndex.point(0)))).isEqualTo(27525L);
        assertThat(mnist.trainLabels().getInt(0)).isEqualTo(5);
    }

    @Test
    void convertsAsInTheApiExample() {
        var x = mnist.testImages().reshape(10000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x.maxNumber().doubleValue()).isEqualTo(1.0);
        var y = Utils.toCategorical(mnist.testLabels(), 10);
        assertThat(y.shape()).containsExactly(10000, 10);
        assertThat(y.sumNumber().doubleValue()).isEqualTo(10000.0);
    }
}
