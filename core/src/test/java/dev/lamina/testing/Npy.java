package dev.lamina.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads the reference cases' {@code .npy} tensors with the library's own reader. */
public final class Npy {

    private Npy() {
    }

    /**
     * Reads one array.
     *
     * @param file the .npy file
     * @return the array
     * @throws IOException if the file cannot be read or is not a supported .npy
     */
    public static INDArray read(Path file) throws IOException {
        return dev.lamina.core.io.Npy.read(file);
    }
}
