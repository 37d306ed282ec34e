package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.Cifar10;
import dev.lamina.data.ImageDataset;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.metrics.ClassificationReport;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.optim.SGD;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The CIFAR-10 notebook's first training: a multilayer perceptron (Dense 2048 down to 32, relu),
 * SGD 0.01, 50 epochs of batch 32, 20% of the training images held out for validation, then a
 * classification report on the test set.
 */
public final class Cifar10Mlp {

    private Cifar10Mlp() {
    }

    /**
     * Runs the notebook's cells for this model.
     *
     * @param args the run options of {@link RunOptions}
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the data cannot be loaded
     */
    public static void main(String[] args) {
        run(args);
    }

    /**
     * Runs the notebook's cells for this model and returns instead of exiting.
     *
     * @param args the run options of {@link RunOptions}
     * @return the test accuracy and the training history
     * @throws ExampleUsageException when an option is bad
     * @throws dev.lamina.core.LaminaIOException when the data cannot be loaded
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("cifar10-mlp", args);
        System.out.println(Backend.describe());

        // The data: uint8 pixels scaled to [0, 1], class indices 0..9.
        ImageDataset cifar = Cifar10.load(run.data());
        INDArray xTrain = cifar.trainImages().castTo(DataType.FLOAT).div(255);
        INDArray yTrain = cifar.trainLabels().castTo(DataType.INT32);
        INDArray xTest = cifar.testImages().castTo(DataType.FLOAT).div(255);
        INDArray yTest = cifar.testLabels().castTo(DataType.INT32);

        // --limit N: train on the first N images only.
        long n = run.limit(xTrain.size(0));
        xTrain = xTrain.get(NDArrayIndex.interval(0, n));
        yTrain = yTrain.get(NDArrayIndex.interval(0, n));

        // The model.
        Sequential model = new Sequential();
        model.add(new Flatten().inputShape(32, 32, 3));
        model.add(new Dense(2048).activation("relu"));
        model.add(new Dense(1024).activation("relu"));
        model.add(new Dense(512).activation("relu"));
        model.add(new Dense(128).activation("relu"));
        model.add(new Dense(32).activation("relu"));
        model.add(new Dense(10).activation("softmax"));
        model.summary();

        // Training.
        model.compile(new SGD(0.01), "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(xTrain, yTrain,
                FitOptions.epochs(run.epochs(50)).batchSize(run.batchSize(32)).validationSplit(0.2));

        // The classification report and the test accuracy.
        INDArray predicted = model.predict(xTest).argMax(1);
        System.out.println(ClassificationReport.of(yTest, predicted, cifar.labelNames()));
        EvaluationResult result = model.evaluate(xTest, yTest);
        System.out.printf(Locale.ROOT, "test loss: %.4f%n", result.loss());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.get("accuracy"));
        return new ExampleResult(result.get("accuracy"), history);
    }
}
