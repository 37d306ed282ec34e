package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.callbacks.History;
import dev.lamina.callbacks.ProgressPrinter;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InputDtypeTest {

    private static Sequential model(String loss) {
        Sequential m = new Sequential(new Flatten().inputShape(4, 4, 1), new Dense(3).activation("softmax"));
        m.compile("sgd", loss, "accuracy");
        m.progressPrinter(ProgressPrinter.of(new PrintStream(OutputStream.nullOutputStream()), false));
        return m;
    }

    /** Integer pixels 0..255 and class indices, as the data loaders return them. */
    private static INDArray pixels(DataType type) {
        INDArray x = Nd4j.create(DataType.INT32, 12, 4, 4, 1);
        for (int i = 0; i < x.length(); i++) {
            x.putScalar(i, (i * 37) % 256);
        }
        return x.castTo(type);
    }

    private static INDArray labels(DataType type) {
        INDArray y = Nd4j.create(DataType.INT32, 12);
        for (int i = 0; i < 12; i++) {
            y.putScalar(i, i % 3);
        }
        return y.castTo(type);
    }

    @ParameterizedTest
    @EnumSource(names = {"UBYTE", "INT", "LONG", "DOUBLE", "HALF"})
    void fitEvaluateAndPredictTakeAnyNumericInputAsFloat32(DataType type) {
        Sequential m = model("sparse_categorical_crossentropy");
        INDArray x = pixels(type).divi(type == DataType.DOUBLE || type == DataType.HALF ? 255 : 1);
        History h = m.fit(x, labels(DataType.LONG), FitOptions.epochs(1).batchSize(4).verbose(0)
                .validationData(x, labels(DataType.INT)));
        assertThat(h.history().get("loss").get(0)).isFinite();
        assertThat(h.history().get("val_loss").get(0)).isFinite();
        assertThat(m.evaluate(x, labels(DataType.UBYTE)).loss()).isFinite();
        INDArray p = m.predict(x);
        assertThat(p.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(p.shape()).containsExactly(12, 3);
        // The same values as float32 input give the same outputs.
        assertThat(p).isEqualTo(m.predict(x.castTo(DataType.FLOAT)));
    }

    @ParameterizedTest
    @EnumSource(names = {"UBYTE", "INT", "LONG", "DOUBLE"})
    void oneHotTargetsOfAnyNumericTypeTrain(DataType type) {
        Sequential m = model("categorical_crossentropy");
        INDArray y = Nd4j.create(DataType.FLOAT, 12, 3);
        for (int i = 0; i < 12; i++) {
            y.putScalar(i, i % 3, 1);
        }
        History h = m.fit(pixels(DataType.UBYTE), y.castTo(type), FitOptions.epochs(1).batchSize(4).verbose(0));
        assertThat(h.history().get("loss").get(0)).isFinite();
        assertThat(m.trainOnBatch(pixels(DataType.INT), y.castTo(type)).loss()).isFinite();
    }
}
