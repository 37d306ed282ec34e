package dev.lamina.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Creation of uint8 ND4J arrays straight from bytes, without an intermediate int or float copy. */
final class UInt8 {

    private static final int CHUNK = 1 << 20;
    /**
     * Arrays up to this size are allocated before their bytes are read: the most a lying header can
     * make the reader allocate, and more than any of the MNIST-format files (47 MB at most).
     */
    static final long DIRECT_LIMIT = 64L << 20;

    private UInt8() {
    }

    /** Number of elements of a shape, failing on overflow past what one array can hold. */
    static long count(long[] shape, String file) throws DatasetFormatException {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new DatasetFormatException(file, "negative dimension " + d);
            }
            if (d != 0 && n > (Integer.MAX_VALUE - 16) / d) {
                throw new DatasetFormatException(file, "dimensions " + java.util.Arrays.toString(shape)
                        + " describe more than 2 GiB of data");
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 16) {
                throw new DatasetFormatException(file, "dimensions " + java.util.Arrays.toString(shape)
                        + " describe more than 2 GiB of data");
            }
        }
        return n;
    }

    /**
     * Reads exactly the number of bytes the shape needs into a new c-order uint8 array. Up to
     * {@value #DIRECT_LIMIT} bytes go straight into the array through one small buffer, so loading
     * a data set leaves no copy of it on the Java heap. Above that the bytes are read before the
     * array is allocated, in chunks, so memory follows what the stream holds: a header that
     * declares gigabytes over a few bytes of data costs a chunk, not the declared size.
     *
     * @throws DatasetFormatException when the stream ends early
     */
    static INDArray read(InputStream in, long[] shape, String file, String what) throws IOException {
        long n = count(shape, file);
        return n <= DIRECT_LIMIT ? readDirect(in, shape, n, file, what) : readInChunks(in, shape, n, file, what);
    }

    private static INDArray readDirect(InputStream in, long[] shape, long n, String file, String what)
            throws IOException {
        INDArray array = Nd4j.create(DataType.UINT8, shape);
        if (n == 0) {
            return array;
        }
        ByteBuffer target = array.data().asNio();
        byte[] buffer = new byte[(int) Math.min(CHUNK, n)];
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(buffer.length, n - done);
            int got = in.readNBytes(buffer, 0, want);
            target.put(buffer, 0, got);
            done += got;
            if (got < want) {
                throw tooShort(file, what, n, done);
            }
        }
        return array;
    }

    private static INDArray readInChunks(InputStream in, long[] shape, long n, String file, String what)
            throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long done = 0;
        while (done < n) {
            int want = (int) Math.min(CHUNK, n - done);
            // readNBytes grows its buffer with the data it gets, not to the length asked for.
            byte[] chunk = in.readNBytes(want);
            chunks.add(chunk);
            done += chunk.length;
            if (chunk.length < want) {
                throw tooShort(file, what, n, done);
            }
        }
        INDArray array = Nd4j.create(DataType.UINT8, shape);
        ByteBuffer target = array.data().asNio();
        for (byte[] c : chunks) {
            target.put(c);
        }
        return array;
    }

    private static DatasetFormatException tooShort(String file, String what, long n, long done) {
        return new DatasetFormatException(file, "too short: the " + what + " needs " + n
                + " data bytes but the file ends after " + done);
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
