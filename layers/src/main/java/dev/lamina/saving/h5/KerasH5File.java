package dev.lamina.saving.h5;

import dev.lamina.core.LaminaIOException;
import dev.lamina.saving.Limits;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.exceptions.HdfException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An HDF5 file Keras wrote, of any of its kinds: a legacy full model ({@code model.save('x.h5')}:
 * root attributes {@code model_config}, {@code training_config}, group {@code model_weights}), a
 * legacy {@code save_weights} file (root attribute {@code layer_names}), or Keras 3 weights
 * ({@code layers/…/vars/…}, as in {@code model.weights.h5} inside a {@code .keras} zip). Reading is
 * bounded by {@link Limits}: string attributes by {@link Limits#maxJsonBytes()}, arrays by what is
 * left of {@link Limits#maxTotalBytes()}, checked on each dataset's declared size before its data
 * is read.
 *
 * <pre>{@code
 * try (KerasH5File f = KerasH5File.open(path, Limits.DEFAULT)) {
 *     if (f.kind() == KerasH5File.Kind.FULL_MODEL) {
 *         String config = f.attribute("model_config").orElseThrow();
 *         KerasH5Weights weights = f.legacyWeights();
 *     }
 * }
 * }</pre>
 */
public final class KerasH5File implements AutoCloseable {

    /** What a Keras HDF5 file holds. */
    public enum Kind {
        /** A legacy full model: architecture, weights and usually training settings. */
        FULL_MODEL,
        /** A legacy {@code save_weights} file: weights by layer name. */
        WEIGHTS,
        /** Keras 3 weights: {@code layers/<key>/vars/<i>}. */
        KERAS3_WEIGHTS,
        /** HDF5 that is none of these. */
        OTHER
    }

    private final Path path;
    private final String label;
    private final HdfFile file;
    private final H5Arrays arrays;

    private KerasH5File(Path path, String label, HdfFile file, Limits limits) {
        this.path = path;
        this.label = label;
        this.file = file;
        this.arrays = new H5Arrays(path, limits);
    }

    /**
     * Opens an HDF5 file.
     *
     * @param path the file
     * @param limits the caps on what it may hold
     * @return the open file; close it when done
     * @throws LaminaIOException when the file is missing or not HDF5 (the cause names the file)
     */
    public static KerasH5File open(Path path, Limits limits) {
        if (!Files.isRegularFile(path)) {
            throw new LaminaIOException(new NoSuchFileException(path.toString(), null, "no such Keras file"));
        }
        try {
            return new KerasH5File(path, "", new HdfFile(path), limits);
        } catch (HdfException | IllegalArgumentException e) {
            throw H5Arrays.error(path, null, "not an HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens HDF5 content held in memory, such as the {@code model.weights.h5} entry of a
     * {@code .keras} zip; nothing is written to disk.
     *
     * @param origin the file the content came from, for messages
     * @param entry the entry's name, for messages
     * @param bytes the content
     * @param limits the caps on what it may hold
     * @return the open content; close it when done
     * @throws LaminaIOException when the content is not HDF5 (the cause names file and entry)
     */
    public static KerasH5File fromBytes(Path origin, String entry, byte[] bytes, Limits limits) {
        try {
            return new KerasH5File(origin, entry, HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes)), limits);
        } catch (HdfException | IllegalArgumentException e) {
            throw H5Arrays.error(origin, entry, "not HDF5 content (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What the file holds, by its root: {@code model_config} makes a full model, {@code layer_names}
     * a legacy weights file, a {@code layers} or {@code vars} group Keras 3 weights.
     *
     * @return the kind
     */
    public Kind kind() {
        if (file.getAttribute("model_config") != null) {
            return Kind.FULL_MODEL;
        }
        if (file.getAttribute("layer_names") != null) {
            return Kind.WEIGHTS;
        }
        if (file.getChildren().get("layers") instanceof Group || file.getChildren().get("vars") instanceof Group) {
            return Kind.KERAS3_WEIGHTS;
        }
        return Kind.OTHER;
    }

    /**
     * A string attribute of the file's root, such as {@code model_config}, {@code training_config}
     * or {@code keras_version}.
     *
     * @param name the attribute
     * @return its value, or empty when the root has no such attribute
     * @throws LaminaIOException when it is not a string or longer than {@link Limits#maxJsonBytes()}
     */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(arrays.stringAttribute(file, name));
    }

    /**
     * The legacy weights: {@code model_weights} of a full model, or the root of a
     * {@code save_weights} file. Valid while this file is open; closing it does nothing.
     *
     * @return the weights
     * @throws LaminaIOException when the file has no {@code layer_names} where Keras puts it
     */
    public KerasH5Weights legacyWeights() {
        return KerasH5Weights.of(path, file, arrays, false);
    }

    /**
     * The Keras 3 weights ({@code layers/<key>/vars/<i>}). Valid while this file is open.
     *
     * @return the weights
     */
    public KerasV3Weights keras3Weights() {
        return new KerasV3Weights(path, label, file, arrays);
    }

    /**
     * The file, for messages.
     *
     * @return the path given to {@link #open} or the origin given to {@link #fromBytes}
     */
    public Path path() {
        return path;
    }

    /** Closes the file. */
    @Override
    public void close() {
        file.close();
    }
}
