package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.data.Utils;
import dev.lamina.layers.Activation;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import dev.lamina.viz.Plots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' batch-normalisation notebook: the MNIST CNN with Adam and a
 * validation split, then a small CNN with and without BatchNormalization after each conv's
 * activation, side by side, with history plots, and the small model's filters and feature maps.
 */
public final class MnistCnnBn implements Example {

    @Override
    public String name() {
        return "mnist-cnn-bn";
    }

    @Override
    public String description() {
        return "the MNIST CNN with Adam (20 epochs), then a small CNN with and without BatchNormalization (10 epochs)";
    }

    /** The small CNN: Conv2D 8, MaxPooling2D, Conv2D 8, MaxPooling2D, Dense 64, Dense 10; optionally BN after each conv. */
    static Sequential small(boolean batchNorm) {
        Sequential m = new Sequential();
        m.add(new Conv2D(8, 3).inputShape(28, 28, 1));
        m.add(new Activation("relu"));
        if (batchNorm) {
            m.add(new BatchNormalization());
        }
        m.add(new MaxPooling2D(2));
        m.add(new Conv2D(8, 3));
        m.add(new Activation("relu"));
        if (batchNorm) {
            m.add(new BatchNormalization());
        }
        m.add(new MaxPooling2D(2));
        m.add(new Flatten());
        m.add(new Dense(64).activation("relu"));
        m.add(new Dense(10).activation("softmax"));
        return m;
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        System.out.println(Backend.describe());
        ImageDataset mnist = options.data() != null ? Mnist.load(options.data()) : Mnist.load();
        INDArray x = Samples.first(mnist.trainImages(), options.limit()).reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray y = Utils.toCategorical(Samples.first(mnist.trainLabels(), options.limit()), 10);
        INDArray xTest = mnist.testImages().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTest = Utils.toCategorical(mnist.testLabels(), 10);
        Path out = options.out();
        Files.createDirectories(out);
        int batch = options.batchSize(128);

        Sequential cnn = MnistCnn.model();
        cnn.compile(new Adam(), "categorical_crossentropy", "accuracy");
        History h = cnn.fit(x, y, FitOptions.epochs(options.epochs(20)).batchSize(batch).validationSplit(0.1));
        h.plot(out.resolve("cnn-history.png"));
        double cnnAccuracy = cnn.evaluate(xTest, yTest).get("accuracy");
        System.out.println(String.format(Locale.ROOT, "cnn test accuracy: %.4f", cnnAccuracy));

        double[] accuracy = new double[2];
        History last = null;
        for (boolean bn : new boolean[] {false, true}) {
            Sequential m = small(bn);
            m.summary();
            m.compile(new Adam(), "categorical_crossentropy", "accuracy");
            History hs = m.fit(x, y, FitOptions.epochs(options.epochs(10)).batchSize(batch).validationSplit(0.1));
            String tag = bn ? "small-bn" : "small";
            hs.plot(out.resolve(tag + "-history.png"));
            accuracy[bn ? 1 : 0] = m.evaluate(xTest, yTest).get("accuracy");
            System.out.println(String.format(Locale.ROOT, "%s test accuracy: %.4f", tag, accuracy[bn ? 1 : 0]));
            if (!bn) {
                Plots.filters(m.getLayer(0), out.resolve("small-filters.png"));
                Model features = new Model(m.inputs(), m.getLayer(1).output());
                Plots.featureMaps(features.predict(Samples.first(xTest, 1)), out.resolve("small-feature-maps.png"));
            }
            last = hs;
        }
        System.out.println(String.format(Locale.ROOT, "small CNN without / with BatchNormalization: %.4f / %.4f",
                accuracy[0], accuracy[1]));
        System.out.println(String.format(Locale.ROOT, "test accuracy: %.4f", cnnAccuracy));
        return new ExampleResult(cnnAccuracy, last);
    }
}
