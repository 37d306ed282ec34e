package dev.lamina.examples;

import dev.lamina.core.Backend;
import dev.lamina.core.BatchSource;
import dev.lamina.data.Cifar10;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.image.ImageDataGenerator;
import dev.lamina.metrics.ClassificationReport;
import dev.lamina.models.FitOptions;
import dev.lamina.models.History;
import dev.lamina.models.Model;
import dev.lamina.optim.Adam;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.SGD;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CIFAR-10 notebook's three trainings: the MLP, the deep functional CNN, and the same CNN fed
 * by ImageDataGenerator's augmentation; each ends with a classification report.
 */
public final class CifarExample implements Example {

    private final String name;
    private final String description;
    private final Supplier<Model> model;
    private final Supplier<Optimizer> optimizer;
    private final int epochs;
    private final int batchSize;
    private final boolean augment;

    private CifarExample(String name, String description, Supplier<Model> model, Supplier<Optimizer> optimizer,
            int epochs, int batchSize, boolean augment) {
        this.name = name;
        this.description = description;
        this.model = model;
        this.optimizer = optimizer;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.augment = augment;
    }

    /** @return the MLP: SGD 0.01, 50 epochs, batch 32, validation split 0.2 */
    public static CifarExample mlp() {
        return new CifarExample("cifar10-mlp", "CIFAR-10 MLP (Dense 2048..32): SGD 0.01, 50 epochs, batch 32",
                CifarModels::mlp, () -> new SGD(0.01), 50, 32, false);
    }

    /** @return the deep CNN: Adam 1e-4, 50 epochs, batch 128, validation split 0.2 */
    public static CifarExample cnn() {
        return new CifarExample("cifar10-cnn", "CIFAR-10 deep functional CNN: Adam 1e-4, 50 epochs, batch 128",
                CifarModels::cnn, () -> new Adam(1e-4), 50, 128, false);
    }

    /** @return the CNN on augmented batches: Adam 1e-3, 50 epochs, batch 128 */
    public static CifarExample augmented() {
        return new CifarExample("cifar10-augmented", "the CIFAR-10 CNN trained from ImageDataGenerator.flow "
                + "(rotation 15, shifts 0.2, flip, zoom 0.2): Adam 1e-3, 50 epochs, batch 128",
                CifarModels::cnn, () -> new Adam(1e-3).beta1(0.9).beta2(0.999).epsilon(1e-8), 50, 128, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        System.out.println(Backend.describe());
        ImageDataset cifar = options.data() != null ? Cifar10.load(options.data()) : Cifar10.load();
        INDArray xTrain = Samples.pixels(Samples.first(cifar.trainImages(), options.limit()));
        INDArray yTrain = Samples.labels(Samples.first(cifar.trainLabels(), options.limit()));
        INDArray xTest = Samples.pixels(cifar.testImages());
        INDArray yTest = Samples.labels(cifar.testLabels());

        Model m = model.get();
        m.summary();
        m.compile(optimizer.get(), "sparse_categorical_crossentropy", "accuracy");
        int batch = options.batchSize(batchSize);
        FitOptions fit = FitOptions.epochs(options.epochs(epochs)).batchSize(batch);
        History history;
        if (augment) {
            ImageDataGenerator datagen = new ImageDataGenerator().rotationRange(15).widthShiftRange(0.2)
                    .heightShiftRange(0.2).horizontalFlip(true).zoomRange(0.2);
            BatchSource flow = datagen.flow(xTrain, yTrain, batch);
            history = m.fit(flow, fit.validationData(xTest, yTest));
        } else {
            history = m.fit(xTrain, yTrain, fit.validationSplit(0.2));
        }
        INDArray predicted = m.predict(xTest).argMax(1);
        System.out.println(ClassificationReport.of(yTest, predicted, cifar.labelNames()));
        return Reports.testAccuracy(m.evaluate(xTest, yTest), "accuracy", history);
    }
}
