package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.Cifar10;
import dev.lamina.data.ImageDataset;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.metrics.ClassificationReport;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.optim.Adam;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The CIFAR-10 notebook's deep CNN, built with the functional API: three blocks of two same-padded
 * convolutions with batch normalization, max pooling and dropout; Adam 1e-4, 50 epochs of batch
 * 128, 20% of the training images held out for validation, then a classification report.
 */
public final class Cifar10Cnn {

    private Cifar10Cnn() {
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
        var run = RunOptions.parse("cifar10-cnn", args);
        System.out.println(Backend.describe());

        // The data: uint8 pixels scaled to [0, 1], class indices 0..9.
        ImageDataset cifar = Cifar10.load(run.data());
        INDArray xTrain = cifar.trainImages().castTo(DataType.FLOAT).divi(255);
        INDArray yTrain = cifar.trainLabels().castTo(DataType.INT32);
        INDArray xTest = cifar.testImages().castTo(DataType.FLOAT).divi(255);
        INDArray yTest = cifar.testLabels().castTo(DataType.INT32);

        // --limit N: train on the first N images only.
        long n = run.limit(xTrain.size(0));
        xTrain = xTrain.get(NDArrayIndex.interval(0, n));
        yTrain = yTrain.get(NDArrayIndex.interval(0, n));
        if (run.memory()) {
            System.out.println(MemoryLog.line("after loading"));
        }

        // The model: [Conv2D, BatchNormalization] twice, MaxPooling2D, Dropout, with 32, 64 and 256 filters.
        KerasTensor inputs = Input.shape(32, 32, 3);
        KerasTensor x = inputs;
        for (int filters : new int[] {32, 64, 256}) {
            x = new Conv2D(filters, 3).padding("same").activation("relu").apply(x);
            x = new BatchNormalization().apply(x);
            x = new Conv2D(filters, 3).padding("same").activation("relu").apply(x);
            x = new BatchNormalization().apply(x);
            x = new MaxPooling2D(2).apply(x);
            x = new Dropout(0.25).apply(x);
        }
        x = new Flatten().apply(x);
        x = new Dense(512).activation("relu").apply(x);
        x = new BatchNormalization().apply(x);
        x = new Dropout(0.5).apply(x);
        KerasTensor predictions = new Dense(10).activation("softmax").apply(x);
        Model model = new Model(inputs, predictions);
        model.summary();

        // Training.
        model.compile(new Adam(1e-4), "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(xTrain, yTrain,
                FitOptions.epochs(run.epochs(50)).batchSize(run.batchSize(128)).validationSplit(0.2)
                        .callbacks(run.callbacks()));

        // The classification report and the test accuracy.
        INDArray predicted = model.predict(xTest).argMax(1);
        System.out.println(ClassificationReport.of(yTest, predicted, cifar.labelNames()));
        EvaluationResult result = model.evaluate(xTest, yTest);
        System.out.printf(Locale.ROOT, "test loss: %.4f%n", result.loss());
        System.out.printf(Locale.ROOT, "test accuracy: %.4f%n", result.get("accuracy"));
        if (run.memory()) {
            System.out.println(MemoryLog.line("at the end"));
        }
        return new ExampleResult(result.get("accuracy"), history);
    }
}
