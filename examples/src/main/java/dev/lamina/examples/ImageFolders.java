package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.core.LaminaIOException;
import dev.lamina.data.Cifar10;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.image.DirectoryIterator;
import dev.lamina.data.image.FlowOptions;
import dev.lamina.data.image.ImageDataGenerator;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' image-folder notebook: training from a folder of class sub-folders with
 * {@code flowFromDirectory}, target size 32x32, batch 16, sparse labels, a quarter of the images
 * held out for validation. Without {@code --input DIR} it first writes such a folder of PNGs from
 * CIFAR-10's test images (200 a class, or a tenth of {@code --limit}) under {@code --out}.
 */
public final class ImageFolders {

    private ImageFolders() {
    }

    /**
     * Runs the notebook.
     *
     * @param args the run options of {@link RunOptions}
     * @throws ExampleUsageException when an option is bad or {@code --input} is not a folder
     * @throws dev.lamina.core.LaminaIOException when the images cannot be written or read
     */
    public static void main(String[] args) {
        run(args);
    }

    /**
     * Runs the notebook, cell by cell, and returns instead of exiting.
     *
     * @param args the run options of {@link RunOptions}
     * @return the accuracy on the validation subset and the training history
     * @throws ExampleUsageException when an option is bad or {@code --input} is not a folder
     * @throws dev.lamina.core.LaminaIOException when the images cannot be written or read
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("image-folders", args);
        System.out.println(Backend.describe());

        // The folder: --input DIR, else one written from CIFAR-10.
        Path dir = run.input();
        if (dir == null) {
            dir = run.out().resolve("images");
            int perClass = (int) Math.max(4, run.limit(2000) / 10);
            writeCifarFolders(Cifar10.load(run.data()), dir, perClass);
            System.out.println("wrote " + perClass + " PNGs per class to " + dir);
        } else if (!Files.isDirectory(dir)) {
            throw new ExampleUsageException("--input " + dir + " is not a folder of class sub-folders");
        }

        // The generator and its two flows over the folder: training and validation subsets.
        ImageDataGenerator gen = new ImageDataGenerator().validationSplit(0.25).rescale(1 / 255.0).horizontalFlip(true);
        DirectoryIterator train = gen.flowFromDirectory(dir,
                FlowOptions.targetSize(32, 32).batchSize(run.batchSize(16)).classMode("sparse").subset("training").seed(54321));
        DirectoryIterator validation = gen.flowFromDirectory(dir,
                FlowOptions.targetSize(32, 32).batchSize(run.batchSize(16)).classMode("sparse").subset("validation").seed(54321));
        System.out.println("classes: " + train.classIndices() + ", training images: " + train.samples()
                + ", validation images: " + validation.samples());

        // The model.
        Sequential model = new Sequential();
        model.add(new Conv2D(32, 3).activation("relu").inputShape(32, 32, 3));
        model.add(new MaxPooling2D(2));
        model.add(new Conv2D(64, 3).activation("relu"));
        model.add(new MaxPooling2D(2));
        model.add(new Flatten());
        model.add(new Dense(train.numClasses()).activation("softmax"));
        model.summary();

        // Training and evaluation.
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(train, FitOptions.epochs(run.epochs(5)).validationData(validation));
        EvaluationResult result = model.evaluate(validation);
        System.out.printf(Locale.ROOT, "validation loss: %.4f%n", result.loss());
        System.out.printf(Locale.ROOT, "validation accuracy: %.4f%n", result.get("accuracy"));
        return new ExampleResult(result.get("accuracy"), history);
    }

    /** Writes the first {@code perClass} test images of each class as PNGs into one folder per class. */
    private static void writeCifarFolders(ImageDataset cifar, Path dir, int perClass) {
        List<String> names = cifar.labelNames();
        INDArray images = cifar.testImages();
        INDArray labels = cifar.testLabels().reshape(images.size(0));
        int[] written = new int[names.size()];
        for (long i = 0; i < images.size(0); i++) {
            int label = labels.getInt(Math.toIntExact(i));
            if (written[label] >= perClass) {
                continue;
            }
            Path file = dir.resolve(names.get(label)).resolve(String.format("%04d.png", written[label]++));
            try {
                Files.createDirectories(file.getParent());
                ImageIO.write(toImage(images, i), "png", file.toFile());
            } catch (IOException e) {
                throw new LaminaIOException("Cannot write " + file, e);
            }
        }
    }

    private static BufferedImage toImage(INDArray images, long index) {
        int h = (int) images.size(1);
        int w = (int) images.size(2);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int red = images.getInt(Math.toIntExact(index), r, c, 0);
                int green = images.getInt(Math.toIntExact(index), r, c, 1);
                int blue = images.getInt(Math.toIntExact(index), r, c, 2);
                img.setRGB(c, r, (red << 16) | (green << 8) | blue);
            }
        }
        return img;
    }
}
