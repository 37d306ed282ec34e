package dev.lamina.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The uint8 arrays of a Keras {@code .npz} archive (a zip of {@code .npy} files), read with core's reader. */
final class NpzArchive {

    private NpzArchive() {
    }

    /**
     * One array of an archive, which must be uint8 as Keras' {@code mnist.npz} stores it.
     *
     * @param zip the open archive
     * @param file the archive's path, for messages
     * @param key the array's name, e.g. {@code x_train}
     * @return the array
     * @throws IOException naming the archive and entry when it is missing, malformed or not uint8
     */
    static INDArray readUInt8(ZipFile zip, Path file, String key) throws IOException {
        ZipEntry entry = zip.getEntry(key + ".npy");
        if (entry == null) {
            throw new DatasetFormatException(file.toString(), "no array '" + key + "' (entry " + key
                    + ".npy) in this .npz archive");
        }
        try (InputStream in = new java.io.BufferedInputStream(zip.getInputStream(entry), Streams.BUFFER)) {
            return readUInt8(in, file + "!" + key + ".npy");
        }
    }

    /**
     * One uint8 {@code .npy} array from a stream.
     *
     * @param in the stream, read to its end
     * @param name the entry's name, for messages
     * @return the array
     * @throws DatasetFormatException naming the entry when it is malformed or not uint8
     */
    static INDArray readUInt8(InputStream in, String name) throws IOException {
        INDArray array;
        try {
            array = dev.lamina.core.io.Npy.read(in, name);
        } catch (IOException e) {
            // core's message already starts with the name
            throw new DatasetFormatException(name, e.getMessage().replaceFirst("^" + java.util.regex.Pattern.quote(name)
                    + ": ", ""), e);
        }
        if (array.dataType() != DataType.UINT8) {
            throw new DatasetFormatException(name, "expected uint8 (|u1) pixels or labels, found " + array.dataType());
        }
        return array;
    }
}
