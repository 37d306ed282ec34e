package dev.lamina.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Global settings of Lamina: the native-backend bootstrap and the random seed.
 *
 * <p>Every Lamina entry point calls {@link #init()} before it touches ND4J, so that the fastest
 * native build is chosen before ND4J loads it (see {@link NativeBinarySelector}). Applications that
 * use ND4J directly before Lamina should call {@code Lamina.init()} first.
 */
public final class Lamina {

    private static final Logger LOG = LoggerFactory.getLogger(Lamina.class);
    private static final AtomicLong SEED = new AtomicLong(ThreadLocalRandom.current().nextLong());
    private static final AtomicLong DRAWS = new AtomicLong();
    private static volatile boolean seeded;
    private static volatile boolean initialised;
    private static volatile String chosenExtension;

    private Lamina() {
    }

    /**
     * Runs the bootstrap once: picks the native CPU build by the CPU's flags unless the user set
     * {@value NativeBinarySelector#EXTENSION_PROPERTY}. Cheap to call again.
     */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Lamina.class) {
            if (initialised) {
                return;
            }
            String user = System.getProperty(NativeBinarySelector.EXTENSION_PROPERTY);
            String ext = NativeBinarySelector.chooseExtension(NativeBinarySelector.cpuFlags(), user,
                    NativeBinarySelector.avx512Present());
            if (ext != null) {
                System.setProperty(NativeBinarySelector.EXTENSION_PROPERTY, ext);
                LOG.debug("Selected ND4J native build {}", ext);
            }
            chosenExtension = ext != null ? ext : user;
            initialised = true;
        }
    }

    /** The native build extension the bootstrap set or found set, or {@code null} for JavaCPP's default. */
    static String chosenExtension() {
        init();
        return chosenExtension;
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
