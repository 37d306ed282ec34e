package dev.lamina.optim;

import java.util.Arrays;

/**
 * The lanes of one block of an {@link ElementwiseOptimizer}'s update: the gradient, the weight,
 * the slots (in {@link Optimizer#slotNames()} order) and temporaries, all of one precision. The
 * lanes are reused from block to block and step to step.
 */
public final class Lanes {

    /** Elements per block: all lanes of a block stay in the first-level cache. */
    static final int BLOCK = 512;

    private final boolean float32;
    private final Lane gradient;
    private final Lane weight;
    private Lane[] slots = new Lane[0];
    private Lane[] temps = new Lane[0];
    private int length;

    /** @param float32 whether the lanes hold float32 values rather than float64 */
    Lanes(boolean float32) {
        this.float32 = float32;
        gradient = lane();
        weight = lane();
    }

    private Lane lane() {
        return float32 ? new FloatLane(BLOCK, length) : new DoubleLane(BLOCK, length);
    }

    /** @return the gradient's block; an update reads it and should not change it */
    public Lane gradient() {
        return gradient;
    }

    /** @return the weight's block, to be updated in place */
    public Lane weight() {
        return weight;
    }

    /**
     * @param k a slot's index in {@link Optimizer#slotNames()} order
     * @return that slot's block, to be updated in place
     */
    public Lane slot(int k) {
        return slots[k];
    }

    /**
     * A scratch lane; its values are undefined until assigned.
     *
     * @param k any index from 0; the same index gives the same lane
     * @return the temporary
     */
    public Lane temp(int k) {
        if (k >= temps.length) {
            Lane[] more = Arrays.copyOf(temps, k + 1);
            for (int i = temps.length; i <= k; i++) {
                more[i] = lane();
            }
            temps = more;
        }
        return temps[k];
    }

    /** @param count how many slots the variable at hand has */
    void slotCount(int count) {
        if (slots.length != count) {
            Lane[] resized = Arrays.copyOf(slots, count);
            for (int k = slots.length; k < count; k++) {
                resized[k] = lane();
            }
            slots = resized;
        }
    }

    /** @param length how many elements the coming block has, at most {@link #BLOCK} */
    void length(int length) {
        this.length = length;
        gradient.length = length;
        weight.length = length;
        for (Lane s : slots) {
            s.length = length;
        }
        for (Lane t : temps) {
            t.length = length;
        }
    }
}
