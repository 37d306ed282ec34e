package dev.lamina.backend;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Frees arrays' off-heap memory at once instead of when the garbage collector finds them
 * unreachable: a collection is driven by the Java heap, which holds only small array objects, so
 * native buffers of discarded arrays can pile up long before one runs.
 */
public final class NativeMemory {

    private NativeMemory() {
    }

    /**
     * Frees the buffer under an array (the whole allocation, also when the array is a view or a
     * reshape of it); every array over that buffer is closed with it ({@link INDArray#wasClosed()})
     * and must not be used again.
     *
     * @param array an array, or {@code null}
     * @return true when this call freed the buffer; false for {@code null}, an array whose buffer
     *     was already freed, or one ND4J does not let go (attached to a workspace, a constant)
     */
    public static boolean free(INDArray array) {
        if (array == null || array.isEmpty() || array.wasClosed()) {
            return false;
        }
        DataBuffer buffer = array.data();
        while (buffer.originalDataBuffer() != null && buffer.originalDataBuffer() != buffer) {
            buffer = buffer.originalDataBuffer();
        }
        if (buffer.wasClosed() || !buffer.closeable()) {
            return false;
        }
        // Pending work of an asynchronous backend may still read the buffer.
        Nd4j.getExecutioner().commit();
        buffer.close();
        return true;
    }
}
