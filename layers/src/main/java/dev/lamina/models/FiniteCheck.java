package dev.lamina.models;

import dev.lamina.backend.HostArrays;
import dev.lamina.core.BatchSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The check that a training batch holds only finite numbers: one NaN or infinity in the data makes
 * the loss NaN and, through the update, every weight it reaches, after which training cannot
 * recover. One pass over the batch's floating-point arrays in Java (integer arrays cannot hold
 * either), so it costs a small fraction of the step it guards.
 */
final class FiniteCheck {

    private FiniteCheck() {
    }

    /**
     * Fails on the first non-finite value of the batch's inputs or targets.
     *
     * @throws IllegalArgumentException naming the array, the epoch, the batch, the sample within
     *     the batch and the value
     */
    static void requireFinite(BatchSource.Batch batch, int epoch, int step) {
        INDArray[] inputs = batch.inputs();
        for (int i = 0; i < inputs.length; i++) {
            check(inputs[i], inputs.length == 1 ? "x" : "x[" + i + "]", epoch, step);
        }
        INDArray[] targets = batch.targets();
        for (int o = 0; targets != null && o < targets.length; o++) {
            check(targets[o], targets.length == 1 ? "y" : "y[" + o + "]", epoch, step);
        }
    }

    private static void check(INDArray a, String what, int epoch, int step) {
        if (a == null || !a.dataType().isFPType()) {
            return;
        }
        long at = HostArrays.firstNonFinite(a);
        if (at < 0) {
            return;
        }
        long perSample = a.rank() == 0 || a.size(0) == 0 ? 1 : a.length() / a.size(0);
        double value = HostArrays.rowMajorOwned(a).data().getDouble(at);
        throw new IllegalArgumentException("The training data holds a non-finite value: " + what + " of batch "
                + step + " (epoch " + (epoch + 1) + ") has " + value + " in sample " + at / perSample
                + " of the batch (element " + at % perSample + " of the sample). A NaN or infinity in the data "
                + "turns the weights into NaN: clean the data, or pass FitOptions.checkFinite(false) to train "
                + "on it anyway");
    }
}
