package dev.lamina.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Global settings of Lamina: the random seed.
 *
 * <p>There is nothing to initialise: lamina-backend chooses ND4J's native build by itself when ND4J
 * first loads (see {@code dev.lamina.backend.NativeBuildBootstrap}).
 */
public final class Lamina {

    private static final AtomicLong SEED = new AtomicLong(ThreadLocalRandom.current().nextLong());
    private static final AtomicLong DRAWS = new AtomicLong();
    private static volatile boolean seeded;

    private Lamina() {
    }

    /**
     * Sets the global seed from which every random draw of Lamina derives (initializers, dropout,
     * shuffling), as {@code keras.utils.set_random_seed} does.
     *
     * @param seed any value
     */
    public static void setSeed(long seed) {
        SEED.set(seed);
        DRAWS.set(0);
        seeded = true;
    }

    /**
     * A fresh index for an object that draws random numbers (a layer's initializers, a dropout
     * layer): 0, 1, 2, … since the last {@link #setSeed(long)}. Building the same model after the
     * same seed therefore gives every layer the same index, and so the same weights, as Keras'
     * {@code set_random_seed} does.
     *
     * @return the next index
     */
    public static long nextDrawIndex() {
        return DRAWS.getAndIncrement();
    }

    /**
     * The global seed: the last one {@link #setSeed(long)} set, or one drawn at random at start-up.
     *
     * @return the seed
     */
    public static long getSeed() {
        return SEED.get();
    }

    /**
     * Whether {@link #setSeed(long)} was called in this JVM.
     *
     * @return true once a seed was set
     */
    public static boolean isSeeded() {
        return seeded;
    }
}
