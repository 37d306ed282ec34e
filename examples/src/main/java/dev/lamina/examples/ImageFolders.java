package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.Cifar10;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.image.DirectoryIterator;
import dev.lamina.data.image.FlowOptions;
import dev.lamina.data.image.ImageDataGenerator;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training from a folder of class sub-folders with {@code flowFromDirectory}, as in Keras'
 * image-folder notebook: target size 32x32, batch 16, sparse labels, a quarter held out for
 * validation. Without {@code --input DIR} it first writes such a folder of PNGs from CIFAR-10.
 */
public final class ImageFolders implements Example {

    private static final int PER_CLASS = 200;

    @Override
    public String name() {
        return "image-folders";
    }

    @Override
    public String description() {
        return "flowFromDirectory over class folders (--input DIR, else PNGs written from CIFAR-10): 5 epochs";
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        System.out.println(Backend.describe());
        Path dir = options.input();
        if (dir == null) {
            dir = options.out().resolve("images");
            int perClass = options.limit() > 0 ? Math.max(4, options.limit() / 10) : PER_CLASS;
            writeCifarFolders(options, dir, perClass);
            System.out.println("wrote " + perClass + " PNGs per class to " + dir);
        } else if (!Files.isDirectory(dir)) {
            throw new ExampleUsageException("--input " + dir + " is not a folder of class sub-folders");
        }
        ImageDataGenerator gen = new ImageDataGenerator().validationSplit(0.25).rescale(1 / 255.0).horizontalFlip(true);
        int batch = options.batchSize(16);
        FlowOptions flow = FlowOptions.targetSize(32, 32).batchSize(batch).classMode("sparse").seed(54321);
        DirectoryIterator train = gen.flowFromDirectory(dir, flow.subset("training"));
        DirectoryIterator validation = gen.flowFromDirectory(dir, FlowOptions.targetSize(32, 32).batchSize(batch)
                .classMode("sparse").seed(54321).subset("validation"));
        System.out.println("classes: " + train.classIndices() + ", training images: " + train.samples()
                + ", validation images: " + validation.samples());

        Sequential model = new Sequential();
        model.add(new Conv2D(32, 3).activation("relu").inputShape(32, 32, 3));
        model.add(new MaxPooling2D(2));
        model.add(new Conv2D(64, 3).activation("relu"));
        model.add(new MaxPooling2D(2));
        model.add(new Flatten());
        model.add(new Dense(train.numClasses()).activation("softmax"));
        model.summary();
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(train, FitOptions.epochs(options.epochs(5)).validationData(validation));
        return Reports.testAccuracy(model.evaluate(validation), "accuracy", history);
    }

    private static void writeCifarFolders(ExampleOptions options, Path dir, int perClass) throws Exception {
        ImageDataset cifar = options.data() != null ? Cifar10.load(options.data()) : Cifar10.load();
        List<String> names = cifar.labelNames();
        INDArray images = cifar.testImages();
        INDArray labels = cifar.testLabels().reshape(images.size(0));
        int[] written = new int[names.size()];
        for (long i = 0; i < images.size(0); i++) {
            int label = labels.getInt(Math.toIntExact(i));
            if (written[label] >= perClass) {
                continue;
            }
            Path classDir = dir.resolve(names.get(label));
            Files.createDirectories(classDir);
            ImageIO.write(toImage(images, i), "png", classDir.resolve(String.format("%04d.png", written[label]++)).toFile());
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
