package dev.lamina.examples;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.data.FashionMnist;
import dev.lamina.data.ImageDataset;
import dev.lamina.layers.AveragePooling2D;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.optim.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LeNet with tanh and average pooling on Fashion-MNIST, as in Keras' LeNet notebook: SGD 0.01,
 * 10 epochs, batch 32.
 */
public final class LenetFashionMnist implements Example {

    @Override
    public String name() {
        return "lenet-fashion-mnist";
    }

    @Override
    public String description() {
        return "LeNet (tanh, average pooling) on Fashion-MNIST: SGD 0.01, 10 epochs, batch 32";
    }

    /**
     * The LeNet of Keras' LeNet notebook.
     *
     * @return the uncompiled model
     */
    public static Sequential model() {
        Sequential lenet = new Sequential();
        lenet.add(new Conv2D(6, 5).padding("same").activation("tanh").inputShape(28, 28, 1));
        lenet.add(new AveragePooling2D(2));
        lenet.add(new Conv2D(16, 5).activation("tanh"));
        lenet.add(new AveragePooling2D(2));
        lenet.add(new Flatten());
        lenet.add(new Dense(120).activation("tanh"));
        lenet.add(new Dense(84).activation("tanh"));
        lenet.add(new Dense(10).activation("softmax"));
        return lenet;
    }

    @Override
    public ExampleResult run(ExampleOptions options) throws Exception {
        System.out.println(Backend.describe());
        Sequential lenet = model();
        lenet.summary();
        ImageDataset data = options.data() != null ? FashionMnist.load(options.data()) : FashionMnist.load();
        INDArray x = Samples.first(data.trainImages(), options.limit()).reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray y = Samples.first(data.trainLabels(), options.limit()).castTo(DataType.INT32);
        lenet.compile(new SGD(0.01), "sparse_categorical_crossentropy", "acc");
        History history = lenet.fit(x, y, FitOptions.epochs(options.epochs(10)).batchSize(options.batchSize(32)));
        return Reports.testAccuracy(lenet.evaluate(data.testImages().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255),
                data.testLabels().castTo(DataType.INT32)),
                "acc", history);
    }
}
