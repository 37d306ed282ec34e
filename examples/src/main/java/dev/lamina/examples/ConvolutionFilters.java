package dev.lamina.examples;

import dev.lamina.core.ops.Ops;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.data.image.ImageUtils;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The convolution-filters notebook: classic image filters as convolutions. A Gaussian blur and the
 * Sobel edge kernels are applied with {@link Ops#conv2d} to a grey image ({@code --input PATH},
 * else the first MNIST test image); the image and each result are saved as PNGs under
 * {@code --out} ({@code input.png}, {@code gaussian-blur.png}, {@code sobel-x.png}, {@code sobel-y.png}).
 */
public final class ConvolutionFilters {

    private ConvolutionFilters() {
    }

    /**
     * Runs the notebook.
     *
     * @param args the run options of {@link RunOptions}
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the image cannot be read or a PNG cannot be written
     */
    public static void main(String[] args) {
        run(args);
    }

    /**
     * Runs the notebook, cell by cell, and returns instead of exiting.
     *
     * @param args the run options of {@link RunOptions}
     * @return no accuracy ({@code NaN}) and no history: nothing is trained
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the image cannot be read or a PNG cannot be written
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("convolution-filters", args);
        Path out = run.out();

        // The image, grey, in [0, 1]: --input PATH, else the first MNIST test image.
        INDArray grey;
        if (run.input() != null) {
            grey = ImageUtils.load(run.input(), "grayscale").div(255);
        } else {
            ImageDataset mnist = Mnist.load(run.data());
            grey = mnist.testImages().get(NDArrayIndex.point(0)).castTo(DataType.FLOAT).div(255);
        }
        long height = grey.size(0);
        long width = grey.size(1);
        INDArray image = grey.reshape(1, height, width, 1);
        ImageUtils.save(out.resolve("input.png"), image.reshape(height, width, 1));

        // The kernels, (height, width, in channels, out channels): a 5x5 Gaussian blur, then Sobel x and y.
        INDArray gaussian = Nd4j.createFromArray(gaussian(5, 1.0)).reshape(5, 5, 1, 1);
        INDArray sobelX = Nd4j.createFromArray(new float[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}}).reshape(3, 3, 1, 1);
        INDArray sobelY = Nd4j.createFromArray(new float[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}}).reshape(3, 3, 1, 1);

        // Each applied with conv2d, same padding, and saved.
        INDArray blurred = Ops.conv2d(image, gaussian, "same");
        ImageUtils.save(out.resolve("gaussian-blur.png"), blurred.reshape(height, width, 1));
        INDArray edgesX = Ops.conv2d(image, sobelX, "same");
        ImageUtils.save(out.resolve("sobel-x.png"), edgesX.reshape(height, width, 1));
        INDArray edgesY = Ops.conv2d(image, sobelY, "same");
        ImageUtils.save(out.resolve("sobel-y.png"), edgesY.reshape(height, width, 1));
        System.out.println("wrote input.png, gaussian-blur.png, sobel-x.png and sobel-y.png to " + out);
        return new ExampleResult(Double.NaN, null);
    }

    /** A {@code size} x {@code size} Gaussian kernel of standard deviation {@code sigma}, summing to 1. */
    private static float[][] gaussian(int size, double sigma) {
        float[][] k = new float[size][size];
        int c = size / 2;
        float sum = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                k[i][j] = (float) Math.exp(-((i - c) * (i - c) + (j - c) * (j - c)) / (2 * sigma * sigma));
                sum += k[i][j];
            }
        }
        for (float[] row : k) {
            for (int j = 0; j < size; j++) {
                row[j] /= sum;
            }
        }
        return k;
    }
}
