package dev.lamina.examples;

import dev.lamina.core.ops.Ops;
import dev.lamina.data.Mnist;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        INDArray image = options.input() != null ? read(options.input())
                : Samples.pixels(Samples.first((options.data() != null ? Mnist.load(options.data()) : Mnist.load())
                        .testImages(), 1));
        Path out = options.out();
        Files.createDirectories(out);
        write(image, out.resolve("input.png"));
        for (Map.Entry<String, float[][]> e : kernels().entrySet()) {
            float[][] k = e.getValue();
            INDArray kernel = Nd4j.createFromArray(k).reshape(k.length, k[0].length, 1, 1);
            INDArray filtered = Ops.conv2d(image, kernel, "same");
            Path file = out.resolve(e.getKey() + ".png");
            write(filtered, file);
            System.out.println("wrote " + file);
        }
        return new ExampleResult(Double.NaN, null);
    }

    /** A PNG or JPEG as a grey {@code (1, H, W, 1)} image in [0, 1]. */
    private static INDArray read(Path file) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new ExampleUsageException("--input " + file + " is not an image ImageIO can read");
        }
        float[] grey = new float[img.getHeight() * img.getWidth()];
        for (int r = 0; r < img.getHeight(); r++) {
            for (int c = 0; c < img.getWidth(); c++) {
                int rgb = img.getRGB(c, r);
                grey[r * img.getWidth() + c] = (0.299f * ((rgb >> 16) & 255) + 0.587f * ((rgb >> 8) & 255)
                        + 0.114f * (rgb & 255)) / 255f;
            }
        }
        return Nd4j.createFromArray(grey).reshape(1, img.getHeight(), img.getWidth(), 1);
    }

    /** Writes a {@code (1, H, W, 1)} image, stretched to the full grey range. */
    private static void write(INDArray image, Path file) throws Exception {
        int h = (int) image.size(1);
        int w = (int) image.size(2);
        float[] v = image.castTo(DataType.FLOAT).dup().data().asFloat();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float f : v) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        float range = max > min ? max - min : 1;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int g = Math.round((v[r * w + c] - min) / range * 255);
                img.getRaster().setSample(c, r, 0, g);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
