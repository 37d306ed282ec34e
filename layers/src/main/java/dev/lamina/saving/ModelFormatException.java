package dev.lamina.saving;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A saved-model file that cannot be loaded: not a zip, truncated, an entry missing, damaged
 * (CRC-32 or SHA-256 mismatch), too large, of an unknown layer type, from a newer format version,
 * or not matching the model it is loaded into. The message names the file and the entry.
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The zip entry at fault, or {@code null} for the file as a whole. */
    private final String entry;

    /**
     * @param file the file being read
     * @param entry the zip entry at fault, or {@code null} for the file as a whole
     * @param message what is wrong
     */
    public ModelFormatException(Path file, String entry, String message) {
        this(file, entry, message, null);
    }

    /**
     * @param file the file being read
     * @param entry the zip entry at fault, or {@code null} for the file as a whole
     * @param message what is wrong
     * @param cause the underlying failure, or {@code null}
     */
    public ModelFormatException(Path file, String entry, String message, Throwable cause) {
        super(file + (entry == null ? "" : ": entry \"" + entry + "\"") + ": " + message, cause);
        this.entry = entry;
    }

    /**
     * The zip entry at fault, e.g. {@code "config.json"} or {@code "weights/dense/kernel.npy"}.
     *
     * @return the entry's name, or {@code null} when the file as a whole is at fault
     */
    public String entry() {
        return entry;
    }
}
