package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.data.Utils;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' classic MNIST notebook: a CNN of three conv blocks trained with RMSprop, batch 64, for 5
 * epochs, then evaluated on the test set; its history plotted and the model saved under {@code --out}.
 */
public final class MnistCnn {

    private MnistCnn() {
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
     * @return the test accuracy and the training history
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the data cannot be loaded or an output cannot be written
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("mnist-cnn", args);
        System.out.println(Backend.describe());

        // The model.
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
        cnn.summary();

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

        // Training and evaluation.
        cnn.compile("rmsprop", "categorical_crossentropy", "accuracy");
        History history = cnn.fit(xTrain, yTrain, FitOptions.epochs(run.epochs(5)).batchSize(run.batchSize(64)));
        EvaluationResult result = cnn.evaluate(xTest, yTest);
        System.out.printf(Locale.ROOT, "test loss: %.4f%n", result.loss());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.get("accuracy"));

        // The history's curves and the model, saved.
        Path out = run.out();
        history.plot(out.resolve("history.png"));
        cnn.save(out.resolve("mnist-cnn.lamina"));
        System.out.println("saved " + out.resolve("history.png") + " and " + out.resolve("mnist-cnn.lamina"));
        return new ExampleResult(result.get("accuracy"), history);
    }
}
