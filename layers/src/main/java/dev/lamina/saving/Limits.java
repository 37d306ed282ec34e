package dev.lamina.saving;

/**
 * Caps that keep loading a hostile file bounded in memory and time. The defaults fit any model
 * Lamina can train; tests pass smaller ones to exercise the checks cheaply.
 *
 * @param maxEntries the most zip entries a file may have
 * @param maxTotalBytes the most uncompressed bytes read from one file, all entries together
 * @param maxJsonBytes the most bytes of one JSON entry ({@code config.json}, {@code manifest.json})
 * @param maxNesting the deepest nesting of models inside models
 */
public record Limits(int maxEntries, long maxTotalBytes, int maxJsonBytes, int maxNesting) {

    /** 100,000 entries, 4 GiB in all, 16 MiB of JSON, 32 levels of nested models. */
    public static final Limits DEFAULT = new Limits(100_000, 4L << 30, 16 << 20, 32);

    /**
     * The most bytes one compressed byte of a zip entry can expand to: deflate's limit is about
     * 1032 to 1. A file's entries, and so the weights it can make Lamina allocate, are capped by
     * this multiple of the file's size, whatever its headers and config claim.
     */
    public static final long MAX_EXPANSION = 1032;
}
