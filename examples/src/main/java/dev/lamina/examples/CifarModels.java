package dev.lamina.examples;

import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.Input;
import dev.lamina.models.KerasTensor;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;

/** The models of Keras' CIFAR-10 notebook (the functional API, with augmentation). */
final class CifarModels {

    private CifarModels() {
    }

    /** Flatten, Dense 2048, 1024, 512, 128, 32 (relu), Dense 10 softmax. */
    static Sequential mlp() {
        Sequential m = new Sequential();
        m.add(new Flatten().inputShape(32, 32, 3));
        for (int units : new int[] {2048, 1024, 512, 128, 32}) {
            m.add(new Dense(units).activation("relu"));
        }
        m.add(new Dense(10).activation("softmax"));
        return m;
    }

    /**
     * Three blocks of [Conv2D same relu, BatchNormalization, Conv2D same relu, BatchNormalization,
     * MaxPooling2D(2), Dropout(0.25)] with 32, 64 and 256 filters, then Flatten, Dense(512) relu,
     * BatchNormalization, Dropout(0.5), Dense(10) softmax: the functional API.
     */
    static Model cnn() {
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
}
