package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.DatasetNotFoundException;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.SignMnist;
import dev.lamina.data.Utils;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.CompileOptions;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' Sign-MNIST notebook: the CSV files {@code sign_mnist_train.csv} and
 * {@code sign_mnist_test.csv} (under {@code --data}'s {@code sign-mnist/}, else where the loader
 * looks), a CNN of three conv blocks with batch normalization, RMSprop, 10 epochs of batch 128,
 * validated on the test set.
 */
public final class SignMnistCnn {

    private SignMnistCnn() {
    }

    /**
     * Runs the notebook.
     *
     * @param args the run options of {@link RunOptions}
     * @throws ExampleUsageException when an option is bad or the CSV files are missing, saying where
     *     to get them
     */
    public static void main(String[] args) {
        run(args);
    }

    /**
     * Runs the notebook, cell by cell, and returns instead of exiting.
     *
     * @param args the run options of {@link RunOptions}
     * @return the test accuracy and the training history
     * @throws ExampleUsageException when an option is bad or the CSV files are missing, saying where
     *     to get them
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("sign-mnist", args);

        // The data: the CSV files' 784 pixel columns as 28x28 images scaled to [0, 1], one-hot labels.
        ImageDataset signs;
        try {
            signs = SignMnist.load(run.data());
        } catch (DatasetNotFoundException e) {
            // The loader's message names the files, where it looked and where to get them.
            throw new ExampleUsageException(e.getMessage());
        }
        INDArray xTrain = signs.trainImages().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = Utils.toCategorical(signs.trainLabels(), SignMnist.NUM_CLASSES);
        INDArray xTest = signs.testImages().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTest = Utils.toCategorical(signs.testLabels(), SignMnist.NUM_CLASSES);

        // --limit N: train on the first N images only.
        long n = run.limit(xTrain.size(0));
        xTrain = xTrain.get(NDArrayIndex.interval(0, n));
        yTrain = yTrain.get(NDArrayIndex.interval(0, n));
        System.out.println(Backend.describe());

        // The model.
        Sequential model = new Sequential();
        model.add(new Conv2D(75, 3).padding("same").activation("relu").inputShape(28, 28, 1));
        model.add(new BatchNormalization());
        model.add(new MaxPooling2D(2).strides(2).padding("same"));
        model.add(new Conv2D(50, 3).padding("same").activation("relu"));
        model.add(new Dropout(0.2));
        model.add(new BatchNormalization());
        model.add(new MaxPooling2D(2).strides(2).padding("same"));
        model.add(new Conv2D(25, 3).padding("same").activation("relu"));
        model.add(new BatchNormalization());
        model.add(new MaxPooling2D(2).strides(2).padding("same"));
        model.add(new Flatten());
        model.add(new Dense(512).activation("relu"));
        model.add(new Dropout(0.3));
        model.add(new Dense(SignMnist.NUM_CLASSES).activation("softmax"));
        model.summary();

        // Training: the notebook names only the loss and metrics, so Keras' default optimizer, rmsprop.
        model.compile(CompileOptions.loss("categorical_crossentropy").metrics("accuracy"));
        History history = model.fit(xTrain, yTrain,
                FitOptions.epochs(run.epochs(10)).batchSize(run.batchSize(128)).validationData(xTest, yTest));
        EvaluationResult result = model.evaluate(xTest, yTest);
        System.out.printf(Locale.ROOT, "test loss: %.4f%n", result.loss());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.get("accuracy"));
        return new ExampleResult(result.get("accuracy"), history);
    }
}
