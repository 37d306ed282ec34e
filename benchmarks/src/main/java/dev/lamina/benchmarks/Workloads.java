package dev.lamina.benchmarks;

import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.AveragePooling2D;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.SGD;

/**
 * The models of the training benchmark's workloads, each compiled as its peer programs compile it,
 * all on 28x28x1 images with 10 classes and integer labels (sparse categorical cross-entropy).
 */
public final class Workloads {

    private Workloads() {
    }

    /**
     * The named workload's model, compiled.
     *
     * @param workload {@code W1}, {@code W2}, {@code W3} or {@code WR}
     * @return the compiled model
     * @throws BenchmarkUsageException for any other name
     */
    public static Model compiled(String workload) throws BenchmarkUsageException {
        switch (workload) {
            case "W1":
                return compile(mnistCnn(), "rmsprop");
            case "W2":
                return compile(signMnistCnn(), "rmsprop");
            case "W3":
                Model lenet = lenet();
                lenet.compile(new SGD(0.01), "sparse_categorical_crossentropy", "accuracy");
                return lenet;
            case "WR":
                return compile(residual(), "rmsprop");
            default:
                throw new BenchmarkUsageException("Unknown workload " + workload + ": W1, W2, W3 or WR");
        }
    }

    /**
     * The batch size the workload trains with unless told otherwise.
     *
     * @param workload {@code W1}, {@code W2}, {@code W3} or {@code WR}
     * @return 64 for W1 and WR, 32 for W2 and W3
     */
    public static int batchSize(String workload) {
        return workload.equals("W1") || workload.equals("WR") ? 64 : 32;
    }

    private static Model compile(Model model, String optimizer) {
        model.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /**
     * W1: the MNIST CNN of Keras' classic notebook (three 3x3 relu convolutions with 32, 64, 64
     * filters, each followed by 2x2 max pooling, then Dense 64 relu and Dense 10 softmax).
     *
     * @return the uncompiled model
     */
    public static Sequential mnistCnn() {
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

    /**
     * W2: the CNN of Keras' Sign-MNIST notebook with 10 outputs (three same-padded relu
     * convolutions with 75, 50, 25 filters, each with batch normalization and 2x2 max pooling of
     * stride 2, dropout 0.2 after the second, then Dense 512 relu, dropout 0.3, Dense 10 softmax).
     *
     * @return the uncompiled model
     */
    public static Sequential signMnistCnn() {
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
        m.add(new Dense(10).activation("softmax"));
        return m;
    }

    /**
     * W3: LeNet of Keras' LeNet notebook (tanh convolutions of 6 and 16 5x5 filters, the first
     * same-padded, each followed by 2x2 average pooling, then Dense 120, 84 tanh and Dense 10
     * softmax).
     *
     * @return the uncompiled model
     */
    public static Sequential lenet() {
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

    /**
     * WR: one residual block, built with the functional API.
     *
     * <pre>
     * x [N,28,28,1]
     *   → stem:  Conv2D 32 3x3 stride 2 valid (+bias) → relu              → s [N,13,13,32]
     *   → block: Conv2D 32 3x3 same (+bias) → BatchNormalization → relu
     *            → Conv2D 32 3x3 same (+bias) → BatchNormalization         → b [N,13,13,32]
     *   → relu(Add(s, b)) → MaxPooling2D 2 [N,6,6,32] → Flatten [N,1152] → Dense 10 softmax
     * </pre>
     *
     * <p>Keras' defaults throughout: glorot_uniform kernels, zero biases, batch normalization with
     * momentum 0.99 and epsilon 1e-3. 30,474 trainable parameters and 128 moving statistics.
     *
     * @return the uncompiled model
     */
    public static Model residual() {
        KerasTensor in = Input.shape(28, 28, 1);
        KerasTensor x = new Conv2D(32, 3).strides(2).activation("relu").apply(in);
        KerasTensor y = new BatchNormalization().apply(new Conv2D(32, 3).padding("same").apply(x));
        y = new Activation("relu").apply(y);
        y = new BatchNormalization().apply(new Conv2D(32, 3).padding("same").apply(y));
        KerasTensor out = new Activation("relu").apply(new Add().apply(x, y));
        KerasTensor probs = new Dense(10).activation("softmax")
                .apply(new Flatten().apply(new MaxPooling2D(2).apply(out)));
        return new Model(in, probs);
    }
}
