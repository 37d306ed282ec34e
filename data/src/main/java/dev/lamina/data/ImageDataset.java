package dev.lamina.data;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An image-classification data set split into training and test parts, as Keras'
 * {@code load_data()} returns it: {@code (x_train, y_train), (x_test, y_test)}.
 *
 * <p>Images are uint8 ({@link org.nd4j.linalg.api.buffer.DataType#UINT8}), unscaled: MNIST and
 * Fashion-MNIST {@code (N, 28, 28)}, CIFAR-10 {@code (N, 32, 32, 3)} channels-last. Labels are uint8,
 * {@code (N)} for MNIST-like sets and {@code (N, 1)} for CIFAR-10, as in Keras. Convert as Keras
 * users do:
 * <pre>{@code
 * INDArray x = mnist.trainImages().reshape(60000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
 * INDArray y = Utils.toCategorical(mnist.trainLabels(), 10);
 * }</pre>
 *
 * @param trainImages training images, uint8
 * @param trainLabels training labels, uint8
 * @param testImages test images, uint8
 * @param testLabels test labels, uint8
 * @param labelNames the class names by label value (may be empty)
 */
public record ImageDataset(INDArray trainImages, INDArray trainLabels, INDArray testImages, INDArray testLabels,
        List<String> labelNames) {

    /**
     * Checks that each image array has as many rows as its label array.
     *
     * @param trainImages training images, uint8
     * @param trainLabels training labels, uint8
     * @param testImages test images, uint8
     * @param testLabels test labels, uint8
     * @param labelNames the class names by label value (null or empty when unknown)
     * @throws IllegalArgumentException when counts disagree
     * @throws NullPointerException when an array is null
     */
    public ImageDataset {
        Objects.requireNonNull(trainImages, "trainImages");
        Objects.requireNonNull(trainLabels, "trainLabels");
        Objects.requireNonNull(testImages, "testImages");
        Objects.requireNonNull(testLabels, "testLabels");
        labelNames = labelNames == null ? List.of() : List.copyOf(labelNames);
        if (trainImages.size(0) != trainLabels.size(0)) {
            throw new IllegalArgumentException("trainImages has " + trainImages.size(0) + " rows but trainLabels has "
                    + trainLabels.size(0));
        }
        if (testImages.size(0) != testLabels.size(0)) {
            throw new IllegalArgumentException("testImages has " + testImages.size(0) + " rows but testLabels has "
                    + testLabels.size(0));
        }
    }

    /**
     * Number of classes named in {@link #labelNames()}.
     *
     * @return the number of label names (0 when none are known)
     */
    public int numClasses() {
        return labelNames.size();
    }

    @Override
    public String toString() {
        return "ImageDataset[train " + java.util.Arrays.toString(trainImages.shape()) + " "
                + trainImages.dataType() + ", test " + java.util.Arrays.toString(testImages.shape())
                + ", labels " + java.util.Arrays.toString(trainLabels.shape()) + ", " + labelNames.size()
                + " label names]";
    }
}
