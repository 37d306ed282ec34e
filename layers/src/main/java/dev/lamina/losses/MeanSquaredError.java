package dev.lamina.losses;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Keras' mean squared error: {@code mean((y - p)^2)} over the last axis. */
public final class MeanSquaredError implements Loss {

    /** The loss. */
    public MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public Tensor perSample(INDArray yTrue, Tensor yPred) {
        long[] shape = yPred.shape();
        if (yTrue.length() != yPred.value().length()) {
            throw new IllegalArgumentException("mean_squared_error: targets of shape " + Arrays.toString(yTrue.shape())
                    + " do not match predictions of shape " + Arrays.toString(shape));
        }
        Tensor y = Tensor.constant(yTrue.reshape(shape).castTo(yPred.dataType()));
        Tensor diff = Ops.subtract(yPred, y);
        return Ops.mean(Ops.multiply(diff, diff), false, -1);
    }
}
