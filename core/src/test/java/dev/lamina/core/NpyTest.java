package dev.lamina.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    @Test
    void roundTripsEveryType(@TempDir Path dir) throws IOException {
        INDArray[] arrays = {
            Nd4j.createFromArray(new float[][] {{1.5f, -2}, {3, 4}}),
            Nd4j.createFromArray(new double[] {1e-300, 2}),
            Nd4j.createFromArray(new int[][][] {{{1, -2, 3}}}),
            Nd4j.createFromArray(new long[] {Long.MAX_VALUE}),
            Nd4j.createFromArray(new byte[] {-1, 2}),
            Nd4j.createFromArray(new float[] {1, 2, 3, 4, 5, 6}).reshape(2, 3).transpose(),
        };
        for (INDArray a : arrays) {
            Path f = dir.resolve("a.npy");
            Npy.write(a, f);
            INDArray back = Npy.read(f);
            assertThat(back.dataType()).isEqualTo(a.dataType());
            assertThat(back.shape()).containsExactly(a.shape());
            assertThat(back).isEqualTo(a);
        }
    }

    @Test
    void readsUnsignedBytes() throws IOException {
        INDArray u = Nd4j.create(DataType.UINT8, 3).assign(200);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Npy.write(u, out);
        INDArray back = Npy.read(out.toByteArray(), "u8");
        assertThat(back.dataType()).isEqualTo(DataType.UINT8);
        assertThat(back.getDouble(2)).isEqualTo(200.0);
    }

    @Test
    void badFilesNameTheProblem(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.npy");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertThatThrownBy(() -> Npy.read(f)).hasMessageContaining("bad.npy").hasMessageContaining("bad magic");
        Path g = dir.resolve("short.npy");
        Npy.write(Nd4j.createFromArray(1f, 2f, 3f), g);
        byte[] bytes = Files.readAllBytes(g);
        Files.write(g, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> Npy.read(g)).hasMessageContaining("short.npy").hasMessageContaining("promises");
    }
}
