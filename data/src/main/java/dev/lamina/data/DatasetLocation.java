package dev.lamina.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@link DatasetStore#locate(DatasetSpec)} found a data set: a folder on disk, a folder of
 * classpath resources, or Keras' cached {@code .npz} archive. Files are opened through it so that
 * loaders read all three the same way.
 */
public final class DatasetLocation {

    /** The kinds of place a data set can come from. */
    public enum Kind {
        /** A folder on disk ({@code <root>/<name>/}). */
        DIRECTORY,
        /** A folder of classpath resources ({@code datasets/<name>/}). */
        CLASSPATH,
        /** Keras' cache file, e.g. {@code ~/.keras/datasets/mnist.npz}. */
        KERAS_NPZ
    }

    private final Kind kind;
    private final Path path;
    private final String resourceFolder;
    private final ClassLoader loader;
    private final boolean downloaded;

    private DatasetLocation(Kind kind, Path path, String resourceFolder, ClassLoader loader, boolean downloaded) {
        this.kind = kind;
        this.path = path;
        this.resourceFolder = resourceFolder;
        this.loader = loader;
        this.downloaded = downloaded;
    }

    static DatasetLocation directory(Path dir, boolean downloaded) {
        return new DatasetLocation(Kind.DIRECTORY, dir, null, null, downloaded);
    }

    static DatasetLocation classpath(String folder, ClassLoader loader) {
        return new DatasetLocation(Kind.CLASSPATH, null, folder, loader, false);
    }

    static DatasetLocation kerasNpz(Path file) {
        return new DatasetLocation(Kind.KERAS_NPZ, file, null, null, false);
    }

    /**
     * The kind of place.
     *
     * @return directory, classpath or Keras npz
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The folder on disk, for {@link Kind#DIRECTORY}.
     *
     * @return the folder, or empty for classpath resources and npz files
     */
    public Optional<Path> directory() {
        return kind == Kind.DIRECTORY ? Optional.of(path) : Optional.empty();
    }

    /** The npz file, for {@link Kind#KERAS_NPZ}. */
    Path npzFile() {
        return kind == Kind.KERAS_NPZ ? path : null;
    }

    /**
     * Whether the files were downloaded by this very call.
     *
     * @return true right after a download
     */
    public boolean downloaded() {
        return downloaded;
    }

    /**
     * Whether a file is present here.
     *
     * @param file a canonical file name
     * @return true if it can be opened
     */
    public boolean contains(String file) {
        return switch (kind) {
            case DIRECTORY -> Files.isRegularFile(path.resolve(file));
            case CLASSPATH -> loader.getResource(resourceFolder + file) != null;
            case KERAS_NPZ -> false;
        };
    }

    /**
     * How a file of this location is named in messages.
     *
     * @param file a canonical file name
     * @return its path, or {@code classpath:datasets/<name>/<file>}
     */
    public String describe(String file) {
        return switch (kind) {
            case DIRECTORY -> path.resolve(file).toString();
            case CLASSPATH -> "classpath:" + resourceFolder + file;
            case KERAS_NPZ -> path + "!" + file;
        };
    }

    /**
     * Opens one file of the data set.
     *
     * @param file a canonical file name
     * @return a buffered stream; the caller closes it
     * @throws IOException when the file is not there or cannot be read
     */
    public InputStream open(String file) throws IOException {
        switch (kind) {
            case DIRECTORY:
                return new BufferedInputStream(Streams.open(path.resolve(file)), Streams.BUFFER);
            case CLASSPATH:
                InputStream in = loader.getResourceAsStream(resourceFolder + file);
                if (in == null) {
                    throw new IOException("Cannot read " + describe(file) + ": no such resource");
                }
                return new BufferedInputStream(in, Streams.BUFFER);
            default:
                throw new IOException(path + " is an .npz archive; its arrays are read as a whole");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case DIRECTORY -> path.toString();
            case CLASSPATH -> "classpath:" + resourceFolder;
            case KERAS_NPZ -> path + " (Keras cache)";
        };
    }
}
