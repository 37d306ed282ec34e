package dev.lamina.examples;

import dev.lamina.core.ops.Ops;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.data.image.ImageUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Classic image filters as convolutions: a Gaussian blur and the Sobel edge kernels, applied with
 * Lamina's conv2d to an image ({@code --input PATH}, else the first MNIST test image) and saved as
 * PNGs under {@code --out}.
 */
public final class ConvolutionFilters implements Example {

    @Override
    public String name() {
        return "convolution-filters";
    }

    @Override
    public String description() {
        return "Gaussian blur and Sobel kernels applied with conv2d to an image (--input PATH or MNIST), saved as PNGs";
    }

    /** @return the kernels by name, each 3x3 or 5x5 */
    static Map<String, float[][]> kernels() {
        Map<String, float[][]> k = new LinkedHashMap<>();
        float[][] gauss = new float[5][5];
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                gauss[i][j] = (float) Math.exp(-((i - 2) * (i - 2) + (j - 2) * (j - 2)) / 2.0);
                sum += gauss[i][j];
            }
        }
        for (float[] row : gauss) {
            for (int j = 0; j < 5; j++) {
                row[j] /= (float) sum;
            }
        }
        k.put("gaussian-blur", gauss);
        k.put("sobel-x", new float[][] {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}});
        k.put("sobel-y", new float[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}});
        return k;
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        // The image, grey, as a batch of one: (1, H, W, 1) in [0, 1].
        INDArray grey;
        if (options.input() != null) {
            grey = ImageUtils.load(options.input(), "grayscale").div(255);
        } else {
            ImageDataset mnist = options.data() != null ? Mnist.load(options.data()) : Mnist.load();
            grey = mnist.testImages().get(NDArrayIndex.point(0)).castTo(DataType.FLOAT).div(255);
        }
        INDArray image = grey.reshape(1, grey.size(0), grey.size(1), 1);
        Path out = options.out();
        Files.createDirectories(out);
        ImageUtils.save(out.resolve("input.png"), image.reshape(image.size(1), image.size(2), 1));
        for (Map.Entry<String, float[][]> e : kernels().entrySet()) {
            float[][] k = e.getValue();
            INDArray kernel = Nd4j.createFromArray(k).reshape(k.length, k[0].length, 1, 1);
            INDArray filtered = Ops.conv2d(image, kernel, "same");
            Path file = out.resolve(e.getKey() + ".png");
            ImageUtils.save(file, filtered.reshape(filtered.size(1), filtered.size(2), 1));
            System.out.println("wrote " + file);
        }
        return new ExampleResult(Double.NaN, null);
    }
}
