package dev.lamina.models;

import dev.lamina.core.BatchSource;
import dev.lamina.losses.Loss;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras 3's rule for the dtype of data given to fit, evaluate and predict: inputs of any numeric
 * type (uint8 pixels, int32/int64, float64, float16) become float32, the model's dtype; targets
 * become float32 too, except those of a sparse loss, which keep their integer class indices.
 * Batches are converted one at a time, so a uint8 data set is never held a second time as floats.
 */
final class DataTypes {

    /** The dtype of every weight and activation. */
    static final DataType FLOATX = DataType.FLOAT;

    private DataTypes() {
    }

    /**
     * The batch with float32 inputs and targets as the losses need them; the batch itself when
     * nothing needs converting (the common float32 case costs no array).
     */
    static BatchSource.Batch convert(BatchSource.Batch batch, List<Loss> losses) {
        INDArray[] inputs = floats(batch.inputs(), "input");
        INDArray[] targets = batch.targets();
        if (targets != null) {
            INDArray[] converted = null;
            for (int o = 0; o < targets.length; o++) {
                Loss loss = losses.size() == 1 ? losses.get(0) : losses.get(o);
                INDArray t = targets[o];
                if (t != null && t.dataType() != FLOATX && !keepsIntegerLabels(loss)) {
                    if (converted == null) {
                        converted = targets.clone();
                    }
                    converted[o] = toFloat(t, "target " + o);
                }
            }
            targets = converted == null ? targets : converted;
        }
        return inputs == batch.inputs() && targets == batch.targets() ? batch
                : new BatchSource.Batch(inputs, targets, batch.sampleWeights());
    }

    /** The inputs as float32: the array itself when it already is. */
    static INDArray[] floats(INDArray[] inputs, String what) {
        INDArray[] out = null;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dataType() != FLOATX) {
                if (out == null) {
                    out = inputs.clone();
                }
                out[i] = toFloat(inputs[i], what + " " + i);
            }
        }
        return out == null ? inputs : out;
    }

    /** Sparse losses read class indices; an integer type holds them exactly. */
    private static boolean keepsIntegerLabels(Loss loss) {
        return loss != null && loss.name().startsWith("sparse_");
    }

    private static INDArray toFloat(INDArray a, String what) {
        DataType t = a.dataType();
        if (!t.isNumerical() && t != DataType.BOOL) {
            throw new IllegalArgumentException("The " + what + " has dtype " + t.name().toLowerCase()
                    + ", which cannot be converted to float32");
        }
        return a.castTo(FLOATX);
    }
}
