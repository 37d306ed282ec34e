package dev.lamina.callbacks;

import java.util.Map;

/** Keras' TerminateOnNaN: stops training as soon as the loss is NaN or infinite. */
public final class TerminateOnNaN extends Callback {

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            System.err.println("Batch " + batch + ": invalid loss, terminating training");
            model().stopTraining(true);
        }
    }
}
