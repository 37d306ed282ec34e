package dev.lamina.examples;

import dev.lamina.applications.ApplicationOptions;
import dev.lamina.applications.ResNet50;
import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.Cifar10;
import dev.lamina.data.Mnist;
import dev.lamina.data.image.DirectoryIterator;
import dev.lamina.data.image.FlowOptions;
import dev.lamina.data.image.ImageDataGenerator;
import dev.lamina.layers.Dense;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keras' ResNet50 transfer-learning notebook: a folder of 12 image classes read by
 * {@code flowFromDirectory} at 150x150 (a quarter held out for validation, horizontal flips,
 * batch 32, one-hot labels), an ImageNet-trained ResNet50 without its top, frozen, under
 * GlobalAveragePooling2D and Dense(12, softmax), trained with Adam(0.01) for 5 epochs.
 *
 * <p>Without {@code --input DIR} it first writes such a folder under {@code --out} with
 * {@link MixedImageFolders}: the 10 CIFAR-10 classes and the MNIST digits 0 and 1, PNGs and JPEGs
 * of 24 to 64 pixels a side, 100 a class ({@code --limit N}: N a class, at least 4 so that each
 * class has a validation image). The weights are Keras' own file
 * ({@code resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5}) when Keras' cache holds it
 * ({@code $KERAS_HOME/models} or {@code ~/.keras/models}), else random: nothing is downloaded. The
 * output says which.
 */
public final class ResnetTransfer {

    /** Keras' ImageNet weights of ResNet50 without the top, as Keras caches them. */
    static final String NOTOP_WEIGHTS = "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";

    private ResnetTransfer() {
    }

    /**
     * Runs the notebook.
     *
     * @param args the run options of {@link RunOptions}
     * @throws ExampleUsageException when an option is bad or {@code --input} is not a folder
     * @throws dev.lamina.core.LaminaIOException when the data or the weights cannot be read, or the images
     *     cannot be written
     */
    public static void main(String[] args) {
        run(args);
    }

    /**
     * Runs the notebook, cell by cell, and returns instead of exiting.
     *
     * @param args the run options of {@link RunOptions}
     * @return the accuracy on the validation subset after the last epoch, and the training history
     * @throws ExampleUsageException when an option is bad or {@code --input} is not a folder
     * @throws dev.lamina.core.LaminaIOException when the data or the weights cannot be read, or the images
     *     cannot be written
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("resnet-transfer", args);
        System.out.println(Backend.describe());

        // The folder: --input DIR, else 12 classes written from CIFAR-10 and MNIST.
        Path root = run.input();
        if (root == null) {
            root = run.out().resolve("images");
            int perClass = (int) Math.max(4, run.limit(100));
            List<String> classes = MixedImageFolders.write(root, Cifar10.load(run.data()), Mnist.load(run.data()),
                    perClass, 54321);
            System.out.println("wrote " + perClass + " PNGs and JPEGs (" + MixedImageFolders.MIN_SIDE + " to "
                    + MixedImageFolders.MAX_SIDE + " px a side) per class to " + root + ": " + classes);
        } else if (!Files.isDirectory(root)) {
            throw new ExampleUsageException("--input " + root + " is not a folder of class sub-folders");
        }

        // train_datagen = ImageDataGenerator(rescale=1./255, validation_split=0.25, horizontal_flip=True)
        ImageDataGenerator trainDatagen = new ImageDataGenerator().rescale(1 / 255.0).validationSplit(0.25)
                .horizontalFlip(true);
        // train = train_datagen.flow_from_directory(root, target_size=(150,150), batch_size=32,
        //         class_mode='categorical', subset='training')
        DirectoryIterator train = trainDatagen.flowFromDirectory(root, FlowOptions.targetSize(150, 150)
                .batchSize(run.batchSize(32)).classMode("categorical").subset("training"));
        // val = train_datagen.flow_from_directory(root, ..., subset='validation')
        DirectoryIterator val = trainDatagen.flowFromDirectory(root, FlowOptions.targetSize(150, 150)
                .batchSize(run.batchSize(32)).classMode("categorical").subset("validation"));
        System.out.println("classes: " + train.classIndices() + ", training images: " + train.samples()
                + ", validation images: " + val.samples());

        // backbone = ResNet50(input_shape=(150,150,3), weights='imagenet', include_top=False)
        // (random weights when Keras' cache does not hold the file: nothing is downloaded)
        Path cached = kerasCached(NOTOP_WEIGHTS);
        String weights = cached != null ? ApplicationOptions.IMAGENET : null;
        System.out.println(cached != null ? "weights: ImageNet, from Keras' cache " + cached
                : "weights: random (" + NOTOP_WEIGHTS + " is not in Keras' cache " + kerasCacheDirs()
                        + "; the accuracy is not the notebook's)");
        Model backbone = ResNet50.create(ApplicationOptions.defaults().inputShape(150, 150, 3).weights(weights)
                .includeTop(false));
        // backbone.trainable = False
        backbone.setTrainable(false);

        // model = Sequential([backbone, GlobalAveragePooling2D(), Dense(12, activation='softmax')])
        Sequential model = new Sequential(backbone, new GlobalAveragePooling2D(),
                new Dense(train.numClasses()).activation("softmax"));
        // model.compile(optimizer=Adam(lr=0.01), loss='categorical_crossentropy', metrics=['accuracy'])
        model.compile(new Adam(0.01), "categorical_crossentropy", "accuracy");
        model.summary();

        // history = model.fit(train, steps_per_epoch=len(train), validation_data=val,
        //                     validation_steps=len(val), epochs=E)
        History history = model.fit(train, FitOptions.epochs(run.epochs(5)).stepsPerEpoch(train.numBatches())
                .validationData(val).validationSteps(val.numBatches()));
        double accuracy = history.last("val_accuracy");
        System.out.printf(Locale.ROOT, "validation loss: %.4f%n", history.last("val_loss"));
        System.out.printf(Locale.ROOT, "validation accuracy: %.4f%n", accuracy);
        return new ExampleResult(accuracy, history);
    }

    /** The file in Keras' cache ({@code $KERAS_HOME/models}, then {@code ~/.keras/models}), or {@code null}. */
    private static Path kerasCached(String fileName) {
        for (Path dir : kerasCacheDirs()) {
            if (Files.isRegularFile(dir.resolve(fileName))) {
                return dir.resolve(fileName);
            }
        }
        return null;
    }

    private static List<Path> kerasCacheDirs() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getenv("KERAS_HOME");
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, "models"));
        }
        dirs.add(Path.of(System.getProperty("user.home"), ".keras", "models"));
        return dirs;
    }
}
