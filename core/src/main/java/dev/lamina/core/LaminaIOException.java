package dev.lamina.core;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An input or output failure of a Lamina call that Keras-shaped code makes without {@code throws}
 * ({@code model.save}, {@code Model.load}, …): unchecked, with the {@link IOException} that says
 * what went wrong (a missing file, a damaged entry) as its cause and its message.
 */
public class LaminaIOException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /**
     * Wraps an input or output failure.
     *
     * @param cause the failure; its message becomes this exception's
     */
    public LaminaIOException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * Wraps an input or output failure with a message that says what was being done.
     *
     * @param message what failed, e.g. which model was being saved where
     * @param cause the failure
     */
    public LaminaIOException(String message, IOException cause) {
        super(message, cause);
    }
}
