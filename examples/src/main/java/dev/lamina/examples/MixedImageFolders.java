package dev.lamina.examples;

import dev.lamina.core.LaminaIOException;
import dev.lamina.data.ImageDataset;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Writes a folder of 12 class sub-folders, as {@code flowFromDirectory} reads, from the data sets at
 * hand: the 10 CIFAR-10 classes ({@code airplane} … {@code truck}, colour) and the MNIST digits 0 and
 * 1 ({@code digit_0}, {@code digit_1}, grayscale), all from the test sets. Like a folder of photos
 * gathered from the web, the files are mixed: each image is scaled (bilinear) to its own random
 * width and height between 24 and 64 pixels, and written as PNG or JPEG at random. The draws come
 * from one seed, so the same arguments write the same files.
 *
 * <pre>
 * root/airplane/0000.png   root/airplane/0001.jpg   …   root/digit_1/0099.png   …
 * </pre>
 */
public final class MixedImageFolders {

    /** The smallest side an image is scaled to. */
    public static final int MIN_SIDE = 24;
    /** The largest side an image is scaled to. */
    public static final int MAX_SIDE = 64;

    private MixedImageFolders() {
    }

    /**
     * Writes {@code perClass} images into each of the 12 class folders under {@code root}.
     *
     * @param root the folder to write into, created if missing
     * @param cifar CIFAR-10, whose test images fill the first 10 classes
     * @param mnist MNIST, whose test images of the digits 0 and 1 fill the last 2
     * @param perClass images per class, at most 980 (MNIST has 980 test images of the digit 0)
     * @param seed the seed of the sizes and formats
     * @return the class names, in the order of their folders' names
     * @throws IllegalArgumentException when {@code perClass} is not between 1 and 980
     * @throws LaminaIOException when a file cannot be written
     */
    public static List<String> write(Path root, ImageDataset cifar, ImageDataset mnist, int perClass, long seed) {
        if (perClass < 1 || perClass > 980) {
            throw new IllegalArgumentException("perClass must be between 1 and 980. Received: perClass=" + perClass);
        }
        Random random = new Random(seed);
        List<String> classes = new ArrayList<>();
        for (int label = 0; label < cifar.labelNames().size(); label++) {
            String name = cifar.labelNames().get(label);
            writeClass(root.resolve(name), cifar.testImages(), cifar.testLabels(), label, perClass, random);
            classes.add(name);
        }
        for (int digit = 0; digit < 2; digit++) {
            String name = "digit_" + digit;
            writeClass(root.resolve(name), mnist.testImages(), mnist.testLabels(), digit, perClass, random);
            classes.add(name);
        }
        classes.sort(null);
        return classes;
    }

    /** Writes the first {@code count} images of one label, each resized and encoded at random. */
    private static void writeClass(Path dir, INDArray images, INDArray labels, int label, int count, Random random) {
        INDArray flat = labels.reshape(labels.length());
        int written = 0;
        for (int i = 0; i < flat.length() && written < count; i++) {
            if (flat.getInt(i) != label) {
                continue;
            }
            BufferedImage img = resize(toImage(images, i), side(random), side(random));
            String format = random.nextBoolean() ? "png" : "jpg";
            Path file = dir.resolve(String.format("%04d.%s", written++, format));
            try {
                Files.createDirectories(dir);
                if (!ImageIO.write(img, format, file.toFile())) {
                    throw new IOException("no ImageIO writer for " + format);
                }
            } catch (IOException e) {
                throw new LaminaIOException("Cannot write " + file, e);
            }
        }
    }

    private static int side(Random random) {
        return MIN_SIDE + random.nextInt(MAX_SIDE - MIN_SIDE + 1);
    }

    /** Image {@code index} of uint8 images: {@code (n, h, w, 3)} as RGB, {@code (n, h, w)} as grayscale. */
    private static BufferedImage toImage(INDArray images, int index) {
        int h = (int) images.size(1);
        int w = (int) images.size(2);
        boolean rgb = images.rank() == 4;
        int[] px = images.get(NDArrayIndex.point(index)).castTo(DataType.INT32).reshape(-1).toIntVector();
        BufferedImage img = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (rgb) {
                    int p = (r * w + c) * 3;
                    img.setRGB(c, r, (px[p] << 16) | (px[p + 1] << 8) | px[p + 2]);
                } else {
                    img.getRaster().setSample(c, r, 0, px[r * w + c]);
                }
            }
        }
        return img;
    }

    private static BufferedImage resize(BufferedImage src, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, src.getType());
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
