package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.core.BatchSource;
import dev.lamina.data.Cifar10;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.image.ImageDataGenerator;
import dev.lamina.metrics.ClassificationReport;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Model;
import dev.lamina.optim.Adam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CIFAR-10 notebook's last training, cell by cell: the deep CNN ({@link Cifar10Cnn#model()})
 * fed by ImageDataGenerator's augmentation (rotation 15, shifts 0.2, horizontal flip, zoom 0.2),
 * Adam 1e-3, 50 epochs of batch 128, validated on the test set, then a classification report.
 */
public final class Cifar10Augmented implements Example {

    @Override
    public String name() {
        return "cifar10-augmented";
    }

    @Override
    public String description() {
        return "the CIFAR-10 CNN trained from ImageDataGenerator.flow (rotation 15, shifts 0.2, flip, zoom 0.2): "
                + "Adam 1e-3, 50 epochs, batch 128";
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

        // The augmentation.
        int batchSize = options.batchSize(128);
        ImageDataGenerator datagen = new ImageDataGenerator().rotationRange(15).widthShiftRange(0.2)
                .heightShiftRange(0.2).horizontalFlip(true).zoomRange(0.2);
        BatchSource flow = datagen.flow(xTrain, yTrain, batchSize);

        // The model and its training.
        Model model = Cifar10Cnn.model();
        model.compile(new Adam(1e-3).beta1(0.9).beta2(0.999).epsilon(1e-8), "sparse_categorical_crossentropy",
                "accuracy");
        History history = model.fit(flow, FitOptions.epochs(options.epochs(50)).validationData(xTest, yTest));

        // The classification report.
        INDArray predicted = model.predict(xTest).argMax(1);
        System.out.println(ClassificationReport.of(yTest, predicted, cifar.labelNames()));
        return Reports.testAccuracy(model.evaluate(xTest, yTest), "accuracy", history);
    }
}
