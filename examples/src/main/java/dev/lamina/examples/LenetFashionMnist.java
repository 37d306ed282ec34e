package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.FashionMnist;
import dev.lamina.data.ImageDataset;
import dev.lamina.layers.AveragePooling2D;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.optim.SGD;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' LeNet notebook: LeNet with tanh and average pooling on Fashion-MNIST, SGD 0.01, 10 epochs
 * of batch 32, integer labels, then evaluated on the test set.
 */
public final class LenetFashionMnist {

    private LenetFashionMnist() {
    }

    /**
     * Runs the notebook.
     *
     * @param args the run options of {@link RunOptions}
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the data cannot be loaded
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
     * @throws dev.lamina.core.LaminaIOException when the data cannot be loaded
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("lenet-fashion-mnist", args);
        System.out.println(Backend.describe());

        // The model.
        Sequential lenet = new Sequential();
        lenet.add(new Conv2D(6, 5).padding("same").activation("tanh").inputShape(28, 28, 1));
        lenet.add(new AveragePooling2D(2));
        lenet.add(new Conv2D(16, 5).activation("tanh"));
        lenet.add(new AveragePooling2D(2));
        lenet.add(new Flatten());
        lenet.add(new Dense(120).activation("tanh"));
        lenet.add(new Dense(84).activation("tanh"));
        lenet.add(new Dense(10).activation("softmax"));
        lenet.summary();
        lenet.compile(new SGD(0.01), "sparse_categorical_crossentropy", "acc");

        // The data: uint8 images scaled to [0, 1], class indices 0..9.
        ImageDataset fashion = FashionMnist.load(run.data());
        INDArray xTrain = fashion.trainImages().reshape(60000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = fashion.trainLabels().castTo(DataType.INT32);
        INDArray xTest = fashion.testImages().reshape(10000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTest = fashion.testLabels().castTo(DataType.INT32);

        // --limit N: train on the first N images only.
        long n = run.limit(60000);
        xTrain = xTrain.get(NDArrayIndex.interval(0, n));
        yTrain = yTrain.get(NDArrayIndex.interval(0, n));

        // Training and evaluation.
        History history = lenet.fit(xTrain, yTrain, FitOptions.epochs(run.epochs(10)).batchSize(run.batchSize(32)));
        EvaluationResult result = lenet.evaluate(xTest, yTest);
        System.out.printf(Locale.ROOT, "test loss: %.4f%n", result.loss());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.get("acc"));
        return new ExampleResult(result.get("acc"), history);
    }
}
