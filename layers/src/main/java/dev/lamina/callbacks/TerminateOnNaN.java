package dev.lamina.callbacks;

import dev.lamina.backend.HostArrays;
import dev.lamina.layers.Weight;
import java.util.Map;

/**
 * Keras' TerminateOnNaN: stops training as soon as the loss of a batch is NaN or infinite, and, at
 * the end of each epoch, when a weight holds a NaN or infinity. A non-finite gradient shows in the
 * weights it updates, and so in the next batch's loss; the epoch's weight check also catches
 * weights no loss reads, such as BatchNormalization's moving statistics, which only inference uses.
 */
public final class TerminateOnNaN extends Callback {

    /**
     * Stops training when the batch's loss is not finite.
     *
     * @param batch the batch index within the epoch
     * @param logs the running logs, whose {@code loss} is read
     */
    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            System.err.println("Batch " + batch + ": invalid loss, terminating training");
            model().stopTraining(true);
        }
    }

    /**
     * Stops training when a weight of the model holds a NaN or infinity, naming it.
     *
     * @param epoch the epoch index
     * @param logs the epoch's logs (not read)
     */
    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        for (Weight w : model().weights()) {
            long at = HostArrays.firstNonFinite(w.value());
            if (at >= 0) {
                System.err.println("Epoch " + (epoch + 1) + ": weight " + w.path() + " holds "
                        + HostArrays.rowMajorOwned(w.value()).data().getDouble(at) + ", terminating training");
                model().stopTraining(true);
                return;
            }
        }
    }
}
