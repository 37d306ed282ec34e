package dev.lamina.core;

/**
 * Keras 3's {@code SeedGenerator}: a base seed and a counter, each draw giving the next seed. A
 * stochastic layer owns one, so every call draws afresh (a layer applied twice in one step gets two
 * masks), and its counter is state saved with the model, so a resumed run draws what an
 * uninterrupted one would have. Not thread-safe: the model's lock orders a layer's calls.
 */
public final class SeedGenerator {

    private final long seed;
    private long counter;

    /**
     * A generator at the start of its sequence.
     *
     * @param seed the base seed
     */
    public SeedGenerator(long seed) {
        this(seed, 0);
    }

    /**
     * A generator resumed at a saved position.
     *
     * @param seed the base seed
     * @param counter the number of draws already made ({@link #counter()})
     * @throws IllegalArgumentException for a negative counter
     */
    public SeedGenerator(long seed, long counter) {
        if (counter < 0) {
            throw new IllegalArgumentException("A seed generator's counter cannot be negative. Received: " + counter);
        }
        this.seed = seed;
        this.counter = counter;
    }

    /**
     * The seed of the next draw; advances the counter.
     *
     * @return a seed derived from the base seed and the draw's position
     */
    public long next() {
        return Seeds.derive(seed, "seed-generator", counter++);
    }

    /** @return the base seed */
    public long seed() {
        return seed;
    }

    /** @return the number of draws made so far */
    public long counter() {
        return counter;
    }
}
