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

    /**
     * For subclasses that report a problem found in data rather than thrown by a stream (a damaged
     * file, a missing dataset): the cause, when it is not itself an {@code IOException}, is kept
     * behind one carrying the message.
     *
     * @param message what is wrong
     * @param cause the lower-level error, or {@code null}
     */
    protected LaminaIOException(String message, Throwable cause) {
        super(message, cause instanceof IOException io ? io : new IOException(message, cause));
    }
}
