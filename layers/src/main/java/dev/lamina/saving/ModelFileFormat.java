package dev.lamina.saving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The kind of a model file, told by its content, never by its name: a file named {@code .keras}
 * that holds HDF5 (as Keras 2 wrote when asked to) is HDF5.
 */
public enum ModelFileFormat {

    /** Lamina's own zip: {@code config.json} with a format version, {@code manifest.json}, {@code .npy} weights. */
    LAMINA,
    /** Keras 3's {@code .keras} zip: {@code config.json}, {@code metadata.json}, {@code model.weights.h5}. */
    KERAS_ZIP,
    /** HDF5: a Keras legacy full model, a {@code save_weights} file, or a Keras 3 {@code .weights.h5}. */
    HDF5,
    /** Neither a zip nor HDF5. */
    UNKNOWN;

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** Where HDF5 allows its superblock: offset 0, or after a user block of 512 bytes times a power of two. */
    private static final long[] SUPERBLOCK_OFFSETS = {0, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536};

    /**
     * Looks at a file's first bytes (and, for a zip, its entry names).
     *
     * @param file the file
     * @return its format; {@link #UNKNOWN} for an empty or unrecognized file
     * @throws IOException when the file cannot be read
     */
    public static ModelFileFormat detect(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return UNKNOWN;
        }
        long size = Files.size(file);
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 8);
            if (n >= 4 && Arrays.equals(Arrays.copyOf(head, 4), ZIP_MAGIC)) {
                return zipKind(file);
            }
            if (n == 8 && Arrays.equals(head, HDF5_MAGIC)) {
                return HDF5;
            }
            long at = n;
            for (int i = 1; i < SUPERBLOCK_OFFSETS.length && SUPERBLOCK_OFFSETS[i] + 8 <= size; i++) {
                in.skipNBytes(SUPERBLOCK_OFFSETS[i] - at);
                if (in.readNBytes(head, 0, 8) == 8 && Arrays.equals(head, HDF5_MAGIC)) {
                    return HDF5;
                }
                at = SUPERBLOCK_OFFSETS[i] + 8;
            }
        }
        return UNKNOWN;
    }

    /** Keras' zip has metadata.json and model.weights.h5 beside config.json; anything else is left to Lamina's reader. */
    private static ModelFileFormat zipKind(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Set<String> kerasEntries = Set.of("config.json", "metadata.json", "model.weights.h5");
            boolean keras = kerasEntries.stream().allMatch(n -> zip.getEntry(n) != null)
                    && zip.getEntry(ArchiveWriter.MANIFEST) == null;
            return keras ? KERAS_ZIP : LAMINA;
        } catch (ZipException e) {
            // A damaged zip: Lamina's reader names what is wrong with it.
            return LAMINA;
        }
    }
}
