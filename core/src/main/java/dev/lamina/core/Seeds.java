package dev.lamina.core;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent seeds from the global seed and a description of the draw.
 *
 * <p>Every random draw in Lamina derives its seed from (global seed, purpose, epoch, step, layer, …)
 * instead of advancing one shared generator, so two runs with the same seed draw the same numbers,
 * and a run resumed at epoch k draws exactly what an uninterrupted run would have drawn there.
 */
public final class Seeds {

    private Seeds() {
    }

    /**
     * A seed for one draw.
     *
     * @param seed the global seed (usually {@link Lamina#getSeed()})
     * @param purpose what the draw is for, e.g. {@code "dropout"} or {@code "init"}
     * @param parts further coordinates of the draw (epoch, step, layer index, …)
     * @return a well-mixed 64-bit seed
     */
    public static long derive(long seed, String purpose, long... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        for (long p : parts) {
            h = extend(h, p);
        }
        return h;
    }

    /**
     * One more coordinate of a derived seed, without the argument array and the bytes of the
     * purpose that {@link #derive} makes: {@code extend(derive(seed, purpose, a), b)} equals
     * {@code derive(seed, purpose, a, b)}. For draws made per sample, where those were most of the
     * draw's Java garbage.
     *
     * @param derived a seed from {@link #derive} or from this method
     * @param part the next coordinate
     * @return the seed derived with {@code part} appended
     */
    public static long extend(long derived, long part) {
        return mix(derived ^ mix(part + 0x632BE59BD9B4E019L));
    }

    /** SplitMix64's finaliser: a bijective 64-bit mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
