package dev.lamina.data.image;

/**
 * The numbers {@code new java.util.SplittableRandom(seed)} draws, bit for bit, from one object that
 * is seeded again for every draw sequence: augmentation draws each image's transformation from its
 * own seed, and a new generator per image was a steady share of a training step's Java garbage.
 * Only the methods augmentation uses are here. Not thread-safe: one per thread.
 */
final class SeededDraws {

    /** SplittableRandom's default increment, the one its seed-only constructor uses. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    /**
     * Starts over as {@code new SplittableRandom(seed)} would.
     *
     * @param seed the seed
     * @return this object
     */
    SeededDraws reseed(long seed) {
        state = seed;
        return this;
    }

    /** As {@code SplittableRandom.nextDouble()}: uniform in [0, 1), 53 random bits. */
    double nextDouble() {
        return (mix64(advance()) >>> 11) * 0x1.0p-53;
    }

    /** As {@code SplittableRandom.nextBoolean()}. */
    boolean nextBoolean() {
        return nextInt() < 0;
    }

    /**
     * As {@code SplittableRandom.nextInt(bound)}: uniform in [0, bound), rejecting the draws that
     * would bias it.
     *
     * @param bound a positive bound
     */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive. Received: bound=" + bound);
        }
        int r = nextInt();
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // Rejected: u fell in the incomplete last block of size bound.
        }
        return r;
    }

    private int nextInt() {
        return mix32(advance());
    }

    private long advance() {
        return state += GOLDEN_GAMMA;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
