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
import dev.lamina.models.FitOptions;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CIFAR-10 notebook's deep CNN, cell by cell: three blocks of two same-padded convolutions with
 * batch normalization, max pooling and dropout, built with the functional API; Adam 1e-4, 50 epochs
 * of batch 128, 20% held out for validation, then a classification report.
 */
public final class Cifar10Cnn implements Example {

    @Override
    public String name() {
        return "cifar10-cnn";
    }

    @Override
    public String description() {
        return "CIFAR-10 deep functional CNN: Adam 1e-4, 50 epochs, batch 128";
    }

    /**
     * The notebook's CNN: [Conv2D same relu, BatchNormalization] twice, MaxPooling2D(2), Dropout(0.25),
     * with 32, 64 and 256 filters; then Flatten, Dense(512) relu, BatchNormalization, Dropout(0.5),
     * Dense(10) softmax.
     *
     * @return the uncompiled model
     */
    public static Model model() {
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
        return new Model(inputs, predictions);
    }

    @Override
    public ExampleResult run(ExampleOptions options) {
        System.out.println(Backend.describe());
        // The data: uint8 pixels scaled to [0, 1], class indices 0..9.
        ImageDataset cifar = options.data() != null ? Cifar10.load(options.data()) : Cifar10.load();
        INDArray xTrain = Samples.first(cifar.trainImages(), options.limit()).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = Samples.first(cifar.trainLabels(), options.limit()).castTo(DataType.INT32);
        INDArray xTest = cifar.testImages().castTo(DataType.FLOAT).div(255);
        INDArray yTest = cifar.testLabels().castTo(DataType.INT32);

        // The model.
        Model model = model();
        model.summary();

        // Training.
        model.compile(new Adam(1e-4), "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(xTrain, yTrain, FitOptions.epochs(options.epochs(50))
                .batchSize(options.batchSize(128)).validationSplit(0.2));

        // The classification report.
        INDArray predicted = model.predict(xTest).argMax(1);
        System.out.println(ClassificationReport.of(yTest, predicted, cifar.labelNames()));
        return Reports.testAccuracy(model.evaluate(xTest, yTest), "accuracy", history);
    }
}
