package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.Cifar10;
import dev.lamina.data.ImageDataset;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.metrics.ClassificationReport;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CIFAR-10 notebook's first training, cell by cell: a multilayer perceptron (Dense 2048 down to
 * 32, relu), SGD 0.01, 50 epochs of batch 32, 20% held out for validation, then a classification
 * report on the test set.
 */
public final class Cifar10Mlp implements Example {

    @Override
    public String name() {
        return "cifar10-mlp";
    }

    @Override
    public String description() {
        return "CIFAR-10 MLP (Dense 2048..32): SGD 0.01, 50 epochs, batch 32";
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
        History history = model.fit(xTrain, yTrain, FitOptions.epochs(options.epochs(50))
                .batchSize(options.batchSize(32)).validationSplit(0.2));

        // The classification report.
        INDArray predicted = model.predict(xTest).argMax(1);
        System.out.println(ClassificationReport.of(yTest, predicted, cifar.labelNames()));
        return Reports.testAccuracy(model.evaluate(xTest, yTest), "accuracy", history);
    }
}
