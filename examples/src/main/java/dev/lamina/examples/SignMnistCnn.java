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
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The CNN of Keras' Sign-MNIST notebook, read from the CSV files under {@code --data}'s
 * {@code sign-mnist/}: three conv blocks with batch normalization, RMSprop, 10 epochs.
 */
public final class SignMnistCnn implements Example {

    @Override
    public String name() {
        return "sign-mnist";
    }

    @Override
    public String description() {
        return "the Sign-MNIST CNN on sign_mnist_train.csv / sign_mnist_test.csv: RMSprop, 10 epochs";
    }

    /**
     * The CNN, with {@code classes} outputs (the speed benchmarks train it too).
     *
     * @param classes the number of output units
     * @return the uncompiled model
     */
    public static Sequential model(int classes) {
        Sequential m = new Sequential();
        m.add(new Conv2D(75, 3).padding("same").activation("relu").inputShape(28, 28, 1));
        m.add(new BatchNormalization());
        m.add(new MaxPooling2D(2).strides(2).padding("same"));
        m.add(new Conv2D(50, 3).padding("same").activation("relu"));
        m.add(new Dropout(0.2));
        m.add(new BatchNormalization());
        m.add(new MaxPooling2D(2).strides(2).padding("same"));
        m.add(new Conv2D(25, 3).padding("same").activation("relu"));
        m.add(new BatchNormalization());
        m.add(new MaxPooling2D(2).strides(2).padding("same"));
        m.add(new Flatten());
        m.add(new Dense(512).activation("relu"));
        m.add(new Dropout(0.3));
        m.add(new Dense(classes).activation("softmax"));
        return m;
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        ImageDataset data;
        try {
            data = options.data() != null ? SignMnist.load(options.data()) : SignMnist.load();
        } catch (DatasetNotFoundException e) {
            // The loader's message names the files, where it looked and where to get them.
            throw new ExampleUsageException(e.getMessage());
        }
        System.out.println(Backend.describe());
        Sequential model = model(SignMnist.NUM_CLASSES);
        model.summary();
        INDArray x = Samples.first(data.trainImages(), options.limit()).reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray y = Utils.toCategorical(Samples.first(data.trainLabels(), options.limit()), SignMnist.NUM_CLASSES);
        INDArray xTest = data.testImages().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTest = Utils.toCategorical(data.testLabels(), SignMnist.NUM_CLASSES);
        // The notebook names only the loss and metrics: Keras' default optimizer, rmsprop.
        model.compile(CompileOptions.loss("categorical_crossentropy").metrics("accuracy"));
        History history = model.fit(x, y, FitOptions.epochs(options.epochs(10)).batchSize(options.batchSize(128))
                .validationData(xTest, yTest));
        return Reports.testAccuracy(model.evaluate(xTest, yTest), "accuracy", history);
    }
}
