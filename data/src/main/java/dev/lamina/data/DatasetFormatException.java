package dev.lamina.data;

import dev.lamina.core.LaminaIOException;

/**
 * A data file that exists but does not hold what its format promises: a wrong magic number, a
 * truncated or corrupt file, a CSV row of the wrong length, a pixel value outside 0..255.
 *
 * <p>The message names the file (and the line, for text formats) and what was wrong.
 */
public class DatasetFormatException extends LaminaIOException {

    private static final long serialVersionUID = 1L;

    /** The file, as shown in the message. */
    private final String file;
    /** The 1-based line, or -1. */
    private final long line;

    /**
     * Creates the exception for a whole file.
     *
     * @param file the file, as shown to the user (a path or a classpath resource)
     * @param problem what was wrong
     */
    public DatasetFormatException(String file, String problem) {
        this(file, -1, problem, null);
    }

    /**
     * Creates the exception for a whole file, with the underlying cause.
     *
     * @param file the file, as shown to the user
     * @param problem what was wrong
     * @param cause the lower-level error (a {@code ZipException}, {@code EOFException}, ...)
     */
    public DatasetFormatException(String file, String problem, Throwable cause) {
        this(file, -1, problem, cause);
    }

    /**
     * Creates the exception for one line of a text file.
     *
     * @param file the file, as shown to the user
     * @param line the 1-based line number (the header is line 1), or -1 when not applicable
     * @param problem what was wrong
     */
    public DatasetFormatException(String file, long line, String problem) {
        this(file, line, problem, null);
    }

    private DatasetFormatException(String file, long line, String problem, Throwable cause) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /**
     * The file the problem is in.
     *
     * @return the path or resource name, as shown in the message
     */
    public String file() {
        return file;
    }

    /**
     * The line the problem is on.
     *
     * @return the 1-based line number, or -1 when the problem is not tied to a line
     */
    public long line() {
        return line;
    }
}
