package dev.lamina.layers;

/**
 * The position of the current training step (epoch, step) on this thread, from which stochastic
 * layers derive their randomness: a resumed run at epoch k draws what an uninterrupted one would.
 * Models set it around each step; outside a model a running counter stands in.
 */
public final class TrainingStep {

    private static final ThreadLocal<long[]> CURRENT = ThreadLocal.withInitial(() -> new long[] {-1, 0});

    private TrainingStep() {
    }

    /**
     * Marks the step the following layer calls belong to.
     *
     * @param epoch the epoch (0-based)
     * @param step the step within the epoch
     */
    public static void set(int epoch, long step) {
        long[] c = CURRENT.get();
        c[0] = epoch;
        c[1] = step;
    }

    /** Forgets the step: calls outside a training loop count on their own. */
    public static void clear() {
        long[] c = CURRENT.get();
        c[0] = -1;
        c[1] = 0;
    }

    /** @return {@code {epoch, step}}; outside a loop {@code {-1, n}} with n counting calls */
    static long[] next() {
        long[] c = CURRENT.get();
        if (c[0] < 0) {
            return new long[] {-1, c[1]++};
        }
        return new long[] {c[0], c[1]};
    }
}
