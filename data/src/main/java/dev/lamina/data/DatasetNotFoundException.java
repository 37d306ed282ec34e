package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.util.List;

/**
 * A data set that is nowhere on this machine and could not be downloaded. The message lists the
 * files needed, every place searched, why the download failed, and where to put the files.
 */
public class DatasetNotFoundException extends LaminaIOException {

    private static final long serialVersionUID = 1L;

    /** The data set's folder name. */
    private final String dataset;
    /** The files looked for. */
    private final List<String> files;
    /** The places searched. */
    private final List<String> searched;

    DatasetNotFoundException(String message, String dataset, List<String> files, List<String> searched,
            Throwable cause) {
        super(message, cause);
        this.dataset = dataset;
        this.files = List.copyOf(files);
        this.searched = List.copyOf(searched);
    }

    /**
     * The data set's folder name, e.g. {@code mnist}.
     *
     * @return the name
     */
    public String dataset() {
        return dataset;
    }

    /**
     * The files that were looked for.
     *
     * @return the canonical file names
     */
    public List<String> files() {
        return files;
    }

    /**
     * The places searched, in order, each with what was missing there.
     *
     * @return one line per place
     */
    public List<String> searched() {
        return searched;
    }
}
