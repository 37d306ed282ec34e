package dev.lamina.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Creation of uint8 ND4J arrays straight from bytes, without an intermediate int or float copy. */
final class UInt8 {

    private static final int CHUNK = 1 << 16;

    private UInt8() {
    }

    /** Number of elements of a shape, failing on overflow past what one array can hold. */
    static long count(long[] shape, String file) throws DatasetFormatException {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new DatasetFormatException(file, "negative dimension " + d);
            }
            n = Math.multiplyExact(n, d);
            if (n > Integer.MAX_VALUE - 16) {
                throw new DatasetFormatException(file, "dimensions " + java.util.Arrays.toString(shape)
                        + " describe more than 2 GiB of data");
            }
        }
        return n;
    }

    /**
     * Reads exactly the number of bytes the shape needs into a new c-order uint8 array.
     *
     * @throws DatasetFormatException when the stream ends early
     */
    static INDArray read(InputStream in, long[] shape, String file, String what) throws IOException {
        long n = count(shape, file);
        INDArray array = Nd4j.create(DataType.UINT8, shape);
        if (n == 0) {
            return array;
        }
        ByteBuffer target = array.data().asNio();
        byte[] chunk = new byte[(int) Math.min(CHUNK, n)];
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(chunk.length, n - done);
            int got = in.read(chunk, 0, want);
            if (got < 0) {
                throw new DatasetFormatException(file, "too short: the " + what + " needs " + n
                        + " data bytes but the file ends after " + done);
            }
            target.put(chunk, 0, got);
            done += got;
        }
        return array;
    }

    /** Wraps bytes (c order) as a new uint8 array of the given shape. */
    static INDArray of(byte[] data, long... shape) {
        INDArray array = Nd4j.create(DataType.UINT8, shape);
        if (data.length > 0) {
            array.data().asNio().put(data);
        }
        return array;
    }

    /** Copies the whole content of a uint8 array (any order, views included) into a new byte array. */
    static byte[] bytes(INDArray array) {
        INDArray c = array.dataType() == DataType.UINT8 ? array : array.castTo(DataType.UINT8);
        if (c.isView() || c.ordering() != 'c' || c.data().length() != c.length()) {
            c = c.dup('c');
        }
        byte[] out = new byte[(int) c.length()];
        if (out.length > 0) {
            c.data().asNio().get(out);
        }
        return out;
    }
}
