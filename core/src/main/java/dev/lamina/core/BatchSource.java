package dev.lamina.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A source of training or evaluation batches, shaped like Keras 3's {@code PyDataset}: a number of
 * batches per epoch, batch {@code i} on demand, and hooks at the start and end of each epoch.
 * {@code Model.fit}, {@code evaluate} and {@code predict} accept one.
 *
 * <p>{@link #batch(int)} must depend only on the epoch (set by {@link #onEpochBegin(int)}) and the
 * index, and be safe to call from another thread: {@link PrefetchingBatchSource} prepares batches
 * ahead on a background thread, and a resumed run must see the same batches as an uninterrupted
 * one.
 */
public interface BatchSource {

    /**
     * Number of batches in one epoch ({@code __len__} in Keras).
     *
     * @return the batch count
     */
    int numBatches();

    /**
     * Batch {@code index} of the current epoch ({@code __getitem__} in Keras).
     *
     * @param index from 0 to {@code numBatches() - 1}
     * @return the inputs, targets (may be {@code null} for prediction) and optional sample weights
     * @throws IndexOutOfBoundsException for an index outside the epoch
     */
    Batch batch(int index);

    /**
     * Called before the first batch of each epoch, with the epoch's number (0-based); sources that
     * shuffle or augment derive that epoch's randomness from it.
     *
     * @param epoch the epoch about to begin
     */
    default void onEpochBegin(int epoch) {
    }

    /**
     * Called after the last batch of each epoch.
     *
     * @param epoch the epoch that ended
     */
    default void onEpochEnd(int epoch) {
    }

    /**
     * Called by fit, evaluate and predict once they are done with a batch this source returned.
     * A source that makes fresh arrays for every batch may take them back here to fill later
     * batches: ND4J frees native memory only when the garbage collector finds an array, and
     * per-batch arrays left to it kept resident memory growing from epoch to epoch. The default
     * does nothing.
     *
     * @param batch a batch returned by {@link #batch(int)}, not used by the caller afterwards
     */
    default void release(Batch batch) {
    }

    /**
     * Total number of samples in one epoch, when known.
     *
     * @return the count, or -1 when unknown
     */
    default long numSamples() {
        return -1;
    }

    /**
     * One batch: the inputs and targets of a model with one input and one output, or of several.
     *
     * @param inputs the inputs, batch first, one array per model input
     * @param targets the targets, batch first, one array per model output, or {@code null}
     * @param sampleWeights one weight per sample, or {@code null} for equal weights
     */
    record Batch(INDArray[] inputs, INDArray[] targets, INDArray sampleWeights) {

        /**
         * A batch of one input and one target.
         *
         * @param x the inputs
         * @param y the targets or {@code null}
         * @param sampleWeights one weight per sample, or {@code null}
         */
        public Batch(INDArray x, INDArray y, INDArray sampleWeights) {
            this(new INDArray[] {x}, y == null ? null : new INDArray[] {y}, sampleWeights);
        }

        /**
         * A batch without sample weights.
         *
         * @param x the inputs
         * @param y the targets or {@code null}
         */
        public Batch(INDArray x, INDArray y) {
            this(x, y, null);
        }

        /** @return the (first) input */
        public INDArray x() {
            return inputs[0];
        }

        /** @return the (first) target, or {@code null} */
        public INDArray y() {
            return targets == null ? null : targets[0];
        }

        /**
         * The number of samples.
         *
         * @return the size of the first input's first axis
         */
        public long size() {
            return inputs[0].size(0);
        }
    }
}
