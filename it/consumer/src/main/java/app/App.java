package app;

import dev.lamina.backend.Backend;
import dev.lamina.callbacks.History;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A Keras-shaped program, no throws: builds, trains a step and predicts. */
public final class App {

    public static void main(String[] args) {
        Sequential cnn = new Sequential();
        cnn.add(new Conv2D(4, 3).activation("relu").inputShape(8, 8, 1));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Flatten());
        cnn.add(new Dense(3).activation("softmax"));
        cnn.compile("rmsprop", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 8, 8, 1);
        INDArray y = Nd4j.createFromArray(new int[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0});
        History h = cnn.fit(x, y, FitOptions.epochs(1).batchSize(8).verbose(0));
        System.out.println(Backend.describe());
        System.out.println("consumer ok: loss " + h.last("loss") + ", predictions " + cnn.predict(x).shapeInfoToString()
                .split("\n")[0]);
    }
}
