package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.data.Utils;
import dev.lamina.layers.Activation;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import dev.lamina.viz.Plots;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' batch-normalisation notebook: the MNIST CNN trained with Adam and a validation split, then
 * a small CNN without and with BatchNormalization after each convolution's activation, side by
 * side. Writes each model's history plot, and the small model's filters and feature maps, under
 * {@code --out}.
 */
public final class MnistCnnBn {

    private MnistCnnBn() {
    }

    /**
     * Runs the notebook.
     *
     * @param args the run options of {@link RunOptions}
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the data cannot be loaded or an output cannot be written
     */
    public static void main(String[] args) {
        run(args);
    }

    /**
     * Runs the notebook, cell by cell, and returns instead of exiting.
     *
     * @param args the run options of {@link RunOptions}
     * @return the MNIST CNN's test accuracy and training history
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the data cannot be loaded or an output cannot be written
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("mnist-cnn-bn", args);
        System.out.println(Backend.describe());
        Path out = run.out();

        // The data: uint8 images scaled to [0, 1], one-hot labels.
        ImageDataset mnist = Mnist.load(run.data());
        INDArray xTrain = mnist.trainImages().reshape(60000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = Utils.toCategorical(mnist.trainLabels(), 10);
        INDArray xTest = mnist.testImages().reshape(10000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTest = Utils.toCategorical(mnist.testLabels(), 10);

        // --limit N: train on the first N images only.
        long n = run.limit(60000);
        xTrain = xTrain.get(NDArrayIndex.interval(0, n));
        yTrain = yTrain.get(NDArrayIndex.interval(0, n));

        // The MNIST CNN with Adam, 10% of the training images held out for validation.
        Sequential cnn = new Sequential();
        cnn.add(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Conv2D(64, 3).activation("relu"));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Conv2D(64, 3).activation("relu"));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Flatten());
        cnn.add(new Dense(64).activation("relu"));
        cnn.add(new Dense(10).activation("softmax"));
        cnn.compile(new Adam(), "categorical_crossentropy", "accuracy");
        History h = cnn.fit(xTrain, yTrain,
                FitOptions.epochs(run.epochs(20)).batchSize(run.batchSize(128)).validationSplit(0.1));
        h.plot(out.resolve("cnn-history.png"));
        double cnnAccuracy = cnn.evaluate(xTest, yTest).get("accuracy");
        System.out.printf(Locale.ROOT, "cnn test accuracy: %.4f%n", cnnAccuracy);

        // A small CNN with explicit activation layers.
        Sequential small = new Sequential();
        small.add(new Conv2D(8, 3).inputShape(28, 28, 1));
        small.add(new Activation("relu"));
        small.add(new MaxPooling2D(2));
        small.add(new Conv2D(8, 3));
        small.add(new Activation("relu"));
        small.add(new MaxPooling2D(2));
        small.add(new Flatten());
        small.add(new Dense(64).activation("relu"));
        small.add(new Dense(10).activation("softmax"));
        small.summary();
        small.compile(new Adam(), "categorical_crossentropy", "accuracy");
        History hs = small.fit(xTrain, yTrain,
                FitOptions.epochs(run.epochs(10)).batchSize(run.batchSize(128)).validationSplit(0.1));
        hs.plot(out.resolve("small-history.png"));
        double smallAccuracy = small.evaluate(xTest, yTest).get("accuracy");
        System.out.printf(Locale.ROOT, "small test accuracy: %.4f%n", smallAccuracy);

        // Its first layer's filters, and what they make of one test image.
        Plots.filters(small.getLayer(0), out.resolve("small-filters.png"));
        Model features = new Model(small.inputs(), small.getLayer(1).output());
        Plots.featureMaps(features.predict(xTest.get(NDArrayIndex.interval(0, 1))),
                out.resolve("small-feature-maps.png"));

        // The same small CNN with BatchNormalization after each convolution's activation.
        Sequential bn = new Sequential();
        bn.add(new Conv2D(8, 3).inputShape(28, 28, 1));
        bn.add(new Activation("relu"));
        bn.add(new BatchNormalization());
        bn.add(new MaxPooling2D(2));
        bn.add(new Conv2D(8, 3));
        bn.add(new Activation("relu"));
        bn.add(new BatchNormalization());
        bn.add(new MaxPooling2D(2));
        bn.add(new Flatten());
        bn.add(new Dense(64).activation("relu"));
        bn.add(new Dense(10).activation("softmax"));
        bn.summary();
        bn.compile(new Adam(), "categorical_crossentropy", "accuracy");
        History hb = bn.fit(xTrain, yTrain,
                FitOptions.epochs(run.epochs(10)).batchSize(run.batchSize(128)).validationSplit(0.1));
        hb.plot(out.resolve("small-bn-history.png"));
        double bnAccuracy = bn.evaluate(xTest, yTest).get("accuracy");
        System.out.printf(Locale.ROOT, "small-bn test accuracy: %.4f%n", bnAccuracy);

        System.out.printf(Locale.ROOT, "small CNN without / with BatchNormalization: %.4f / %.4f%n",
                smallAccuracy, bnAccuracy);
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", cnnAccuracy);
        return new ExampleResult(cnnAccuracy, h);
    }
}
