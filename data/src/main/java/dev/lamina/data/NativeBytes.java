package dev.lamina.data;

import dev.lamina.backend.NativeMemory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Bytes appended into one growing uint8 array in native memory, so that a decoder can write a
 * data set of unknown length without holding it on the Java heap. The buffer grows by doubling
 * and each outgrown buffer is freed at once; {@link #toArray} hands out the bytes in an array of
 * their exact length.
 */
final class NativeBytes {

    private INDArray buffer;
    private long size;

    /**
     * An empty sink whose first buffer holds {@code capacity} bytes.
     *
     * @param capacity the expected length (at least 1)
     */
    NativeBytes(long capacity) {
        buffer = Nd4j.createUninitialized(DataType.UINT8, Math.max(1, capacity));
    }

    /** @return the number of bytes appended */
    long size() {
        return size;
    }

    /**
     * Appends the first {@code length} bytes of {@code bytes}.
     *
     * @param bytes the source
     * @param length how many of its bytes
     * @throws IllegalArgumentException when the total would pass 2 GiB (one NIO buffer's reach)
     */
    void append(byte[] bytes, int length) {
        if (size + length > buffer.length()) {
            grow(size + length);
        }
        ByteBuffer target = buffer.data().asNio();
        target.position((int) size);
        target.put(bytes, 0, length);
        size += length;
    }

    /**
     * The bytes appended, as an array of this shape; the sink must not be used afterwards.
     *
     * @param shape a shape of {@link #size()} elements
     * @return the array (the sink's own buffer when it is full, else an exact copy, the buffer freed)
     */
    INDArray toArray(long... shape) {
        if (Arrays.stream(shape).reduce(1, Math::multiplyExact) != size) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " does not hold " + size + " bytes");
        }
        INDArray exact = buffer.length() == size ? buffer : copy(size);
        buffer = null;
        return exact.reshape('c', shape);
    }

    private void grow(long needed) {
        if (needed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("More than 2 GiB of bytes: " + needed);
        }
        buffer = copy(Math.min(Integer.MAX_VALUE, Math.max(needed, 2 * buffer.length())));
    }

    /** The bytes so far in a new buffer of {@code capacity}, the old buffer freed. */
    private INDArray copy(long capacity) {
        INDArray bigger = Nd4j.createUninitialized(DataType.UINT8, capacity);
        if (size > 0) {
            bigger.get(NDArrayIndex.interval(0, size)).assign(buffer.get(NDArrayIndex.interval(0, size)));
        }
        NativeMemory.free(buffer);
        return bigger;
    }
}
