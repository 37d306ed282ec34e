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
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The MNIST CNN of Keras' classic notebook: three conv blocks, RMSprop, batch 64, 5 epochs. Keras'
 * test accuracy and Lamina's are compared in docs/PERFORMANCE.md.
 */
public final class MnistCnn implements Example {

    @Override
    public String name() {
        return "mnist-cnn";
    }

    @Override
    public String description() {
        return "the MNIST CNN of Keras' notebook: RMSprop, batch 64, 5 epochs (Keras: 98.4% test accuracy)";
    }

    /**
     * The model of Keras' classic MNIST notebook.
     *
     * @return the uncompiled model
     */
    public static Sequential model() {
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
        return cnn;
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        System.out.println(Backend.describe());
        Sequential cnn = model();
        cnn.summary();

        ImageDataset mnist = options.data() != null ? Mnist.load(options.data()) : Mnist.load();
        INDArray xTrain = Samples.first(mnist.trainImages(), options.limit()).reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = Utils.toCategorical(Samples.first(mnist.trainLabels(), options.limit()), 10);
        INDArray xTest = mnist.testImages().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTest = Utils.toCategorical(mnist.testLabels(), 10);

        cnn.compile("rmsprop", "categorical_crossentropy", "accuracy");
        History history = cnn.fit(xTrain, yTrain, FitOptions.epochs(options.epochs(5)).batchSize(options.batchSize(64)));
        EvaluationResult result = cnn.evaluate(xTest, yTest);
        Path out = options.out();
        Files.createDirectories(out);
        cnn.save(out.resolve("mnist-cnn.lamina"));
        history.plot(out.resolve("history.png"));
        System.out.println("saved " + out.resolve("mnist-cnn.lamina") + " and " + out.resolve("history.png"));
        return Reports.testAccuracy(result, "accuracy", history);
    }
}
