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

    private static byte[] header(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
        byte[] h = dict.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + h.length];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0}, 0, out, 0, 10);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }

    @Test
    void aShapeWhoseElementCountOverflowsNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("overflow.npy");
        Files.write(f, header("<f4", "(4294967296, 4294967296, 4294967296)"));
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(IOException.class).hasMessageContaining("overflow.npy")
                .hasMessageContaining("more values than one array can hold");
        assertThatThrownBy(() -> Npy.read(new java.io.ByteArrayInputStream(header("<f8", "(3037000500, 3037000500)")),
                "entry.npy")).isInstanceOf(IOException.class).hasMessageContaining("entry.npy");
    }

    @Test
    void aHeaderPromisingMoreThanTheFileHoldsAllocatesNothing(@TempDir Path dir) throws IOException {
        // 2 GB promised, 16 bytes given.
        byte[] bytes = java.util.Arrays.copyOf(header("<f4", "(536870000,)"), 200);
        Path f = dir.resolve("promise.npy");
        Files.write(f, bytes);
        long before = org.bytedeco.javacpp.Pointer.physicalBytes();
        assertThatThrownBy(() -> Npy.read(f)).hasMessageContaining("promise.npy").hasMessageContaining("promises");
        assertThatThrownBy(() -> Npy.read(new java.io.ByteArrayInputStream(bytes) {
            @Override
            public int available() {
                return 0;
            }
        }, "stream.npy")).hasMessageContaining("stream.npy").hasMessageContaining("promises");
        assertThat(org.bytedeco.javacpp.Pointer.physicalBytes() - before).isLessThan(256L << 20);
    }

    @Test
    void aStreamLongerThanItsHeaderIsNotReadToItsEnd() {
        byte[] head = header("|u1", "(4,)");
        long[] served = {0};
        // 64 MiB of zeros after a header promising 4 bytes (a zip bomb's shape).
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                if (served[0] >= head.length + (64L << 20)) {
                    return -1;
                }
                return served[0] < head.length ? head[(int) served[0]++] & 0xff : (int) (served[0]++ & 0);
            }
        };
        assertThatThrownBy(() -> Npy.read(endless, "endless.npy")).hasMessageContaining("endless.npy")
                .hasMessageContaining("more than the 4 bytes");
        assertThat(served[0]).isLessThan(head.length + 64);
    }
}
