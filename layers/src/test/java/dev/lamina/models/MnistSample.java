package dev.lamina.models;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The first images of real MNIST from the shared test data, read from the IDX files themselves. */
final class MnistSample {

    private MnistSample() {
    }

    /** @return {@code [n, 28, 28, 1]} pixels in [0, 1] and {@code [n, 10]} one-hot labels */
    static INDArray[] first(int n) {
        Path dir = Path.of(System.getProperty("lamina.testdata", "../shared/data"), "mnist");
        try (DataInputStream img = open(dir.resolve("train-images-idx3-ubyte.gz"), 2051);
                DataInputStream lab = open(dir.resolve("train-labels-idx1-ubyte.gz"), 2049)) {
            img.readInt();
            img.readInt();
            img.readInt();
            lab.readInt();
            byte[] pixels = new byte[n * 784];
            img.readFully(pixels);
            byte[] labels = new byte[n];
            lab.readFully(labels);
            float[] x = new float[pixels.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (pixels[i] & 0xff) / 255f;
            }
            float[] y = new float[n * 10];
            for (int i = 0; i < n; i++) {
                y[i * 10 + labels[i]] = 1f;
            }
            return new INDArray[] {Nd4j.create(x, new long[] {n, 28, 28, 1}, 'c'),
                Nd4j.create(y, new long[] {n, 10}, 'c').castTo(DataType.FLOAT)};
        } catch (IOException e) {
            throw new UncheckedIOException("reading MNIST from " + dir, e);
        }
    }

    private static DataInputStream open(Path p, int magic) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(p)));
        int m = in.readInt();
        if (m != magic) {
            in.close();
            throw new IOException(p + ": magic " + m + ", expected " + magic);
        }
        return in;
    }
}
