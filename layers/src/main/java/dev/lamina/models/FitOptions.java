package dev.lamina.models;

import dev.lamina.callbacks.Callback;
import dev.lamina.core.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The options of {@code Model.fit}, with Keras' defaults: epochs 1, batch size 32, verbose 1,
 * shuffle on, no validation, initial epoch 0; and each training batch checked for NaN and infinite
 * values ({@link #checkFinite}).
 *
 * <pre>{@code FitOptions.epochs(5).batchSize(64).validationSplit(0.1)}</pre>
 */
public final class FitOptions {

    private int epochs = 1;
    private int batchSize = 32;
    private int verbose = 1;
    private boolean shuffle = true;
    private double validationSplit;
    private INDArray validationX;
    private INDArray validationY;
    private BatchSource validationSource;
    private int initialEpoch;
    private final List<Callback> callbacks = new ArrayList<>();
    private int stepsPerEpoch = -1;
    private int validationSteps = -1;
    private boolean checkFinite = true;
    private Long seed;

    private FitOptions() {
    }

    /** A copy, which a setter changes and returns: options are values, never changed in place. */
    private FitOptions copy() {
        FitOptions c = new FitOptions();
        c.epochs = epochs;
        c.batchSize = batchSize;
        c.verbose = verbose;
        c.shuffle = shuffle;
        c.validationSplit = validationSplit;
        c.validationX = validationX;
        c.validationY = validationY;
        c.validationSource = validationSource;
        c.initialEpoch = initialEpoch;
        c.callbacks.addAll(callbacks);
        c.stepsPerEpoch = stepsPerEpoch;
        c.validationSteps = validationSteps;
        c.checkFinite = checkFinite;
        c.seed = seed;
        return c;
    }

    /** @return the defaults */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    /**
     * Starts options with a number of epochs.
     *
     * @param epochs the index of the last epoch to train (with {@link #initialEpoch}), as Keras
     * @return new options
     */
    public static FitOptions epochs(int epochs) {
        return new FitOptions().setEpochs(epochs);
    }

    private FitOptions setEpochs(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be non-negative. Received: epochs=" + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /**
     * Changes the number of epochs.
     *
     * @param epochs the epochs
     * @return new options (these are unchanged)
     */
    public FitOptions withEpochs(int epochs) {
        return copy().setEpochs(epochs);
    }

    /**
     * Samples per batch for array inputs (default 32).
     *
     * @param batchSize a positive size
     * @return new options (these are unchanged)
     */
    public FitOptions batchSize(int batchSize) {
        FitOptions c = copy();
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive. Received: batch_size=" + batchSize);
        }
        c.batchSize = batchSize;
        return c;
    }

    /**
     * 0 silent, 1 progress bar (default), 2 one line per epoch.
     *
     * @param verbose the mode
     * @return new options (these are unchanged)
     */
    public FitOptions verbose(int verbose) {
        FitOptions c = copy();
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2. Received: verbose=" + verbose);
        }
        c.verbose = verbose;
        return c;
    }

    /**
     * Shuffle array inputs each epoch (default true).
     *
     * @param shuffle whether to shuffle
     * @return new options (these are unchanged)
     */
    public FitOptions shuffle(boolean shuffle) {
        FitOptions c = copy();
        c.shuffle = shuffle;
        return c;
    }

    /**
     * Hold out the last fraction of the arrays (taken before shuffling) for validation.
     *
     * @param fraction in [0, 1)
     * @return new options (these are unchanged)
     */
    public FitOptions validationSplit(double fraction) {
        FitOptions c = copy();
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation_split must be in [0, 1). Received: validation_split="
                    + fraction);
        }
        c.validationSplit = fraction;
        return c;
    }

    /**
     * Validation arrays, evaluated at the end of each epoch.
     *
     * @param x inputs
     * @param y targets
     * @return new options (these are unchanged)
     */
    public FitOptions validationData(INDArray x, INDArray y) {
        FitOptions c = copy();
        c.validationX = x;
        c.validationY = y;
        c.validationSource = null;
        return c;
    }

    /**
     * Validation batches, evaluated at the end of each epoch.
     *
     * @param source the batches
     * @return new options (these are unchanged)
     */
    public FitOptions validationData(BatchSource source) {
        FitOptions c = copy();
        c.validationSource = source;
        c.validationX = null;
        c.validationY = null;
        return c;
    }

    /**
     * The epoch to start at, to resume a run (default 0).
     *
     * @param initialEpoch the first epoch's index
     * @return new options (these are unchanged)
     */
    public FitOptions initialEpoch(int initialEpoch) {
        FitOptions c = copy();
        if (initialEpoch < 0) {
            throw new IllegalArgumentException("initial_epoch must be non-negative. Received: " + initialEpoch);
        }
        c.initialEpoch = initialEpoch;
        return c;
    }

    /**
     * Callbacks, in the order they are called.
     *
     * @param callbacks the callbacks
     * @return new options (these are unchanged)
     */
    public FitOptions callbacks(Callback... callbacks) {
        FitOptions c = copy();
        c.callbacks.addAll(Arrays.asList(callbacks));
        return c;
    }

    /**
     * Steps per epoch for a batch source (default: all its batches).
     *
     * @param steps a positive count
     * @return new options (these are unchanged)
     */
    public FitOptions stepsPerEpoch(int steps) {
        FitOptions c = copy();
        if (steps <= 0) {
            throw new IllegalArgumentException("steps_per_epoch must be positive. Received: " + steps);
        }
        c.stepsPerEpoch = steps;
        return c;
    }

    /**
     * Validation steps for a validation batch source (default: all its batches).
     *
     * @param steps a positive count
     * @return new options (these are unchanged)
     */
    public FitOptions validationSteps(int steps) {
        FitOptions c = copy();
        if (steps <= 0) {
            throw new IllegalArgumentException("validation_steps must be positive. Received: " + steps);
        }
        c.validationSteps = steps;
        return c;
    }

    /**
     * Whether each training batch is checked for NaN and infinite values before its step (default
     * true). A non-finite value in the data silently turns the weights into NaN; the check fails
     * instead with an {@code IllegalArgumentException} naming {@code x} or {@code y}, the epoch, the
     * batch and the sample within it. The check reads each batch's floating-point arrays once
     * (integer arrays such as uint8 pixels or class indices are skipped), a small cost beside the
     * step; turn it off only for data known to be clean.
     *
     * @param check whether to check
     * @return new options (these are unchanged)
     */
    public FitOptions checkFinite(boolean check) {
        FitOptions c = copy();
        c.checkFinite = check;
        return c;
    }

    /**
     * The seed of this fit's randomness: the shuffling of the samples and the draws of every layer
     * that draws (Dropout's masks) derive from it and from the layer's position in the model, not
     * from {@code Lamina.setSeed}, so two models trained at once in one JVM, each with its seed,
     * train as each would alone. Without it the global seed applies, as in Keras.
     *
     * @param seed the seed
     * @return new options (these are unchanged)
     */
    public FitOptions seed(long seed) {
        FitOptions c = copy();
        c.seed = seed;
        return c;
    }

    /** @return the fit's seed, or {@code null} when the global seed applies */
    public Long seed() {
        return seed;
    }

    /** @return the epochs */
    public int epochs() {
        return epochs;
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /** @return the verbosity */
    public int verbose() {
        return verbose;
    }

    /** @return whether arrays are shuffled */
    public boolean shuffle() {
        return shuffle;
    }

    /** @return the validation split */
    public double validationSplit() {
        return validationSplit;
    }

    /** @return validation inputs or {@code null} */
    public INDArray validationX() {
        return validationX;
    }

    /** @return validation targets or {@code null} */
    public INDArray validationY() {
        return validationY;
    }

    /** @return the validation source or {@code null} */
    public BatchSource validationSource() {
        return validationSource;
    }

    /** @return the initial epoch */
    public int initialEpoch() {
        return initialEpoch;
    }

    /** @return the callbacks */
    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    /** @return steps per epoch, or -1 for all */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** @return validation steps, or -1 for all */
    public int validationSteps() {
        return validationSteps;
    }

    /** @return whether training batches are checked for NaN and infinite values */
    public boolean checkFinite() {
        return checkFinite;
    }
}
