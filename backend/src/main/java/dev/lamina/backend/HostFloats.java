package dev.lamina.backend;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct views of float32 arrays held in host memory, for element-wise work done in one Java pass
 * where a chain of native ops would cost a dispatch and a temporary array each.
 *
 * <p>A Keras optimizer update is 6-10 element-wise operations per variable. Run as separate ND4J
 * ops, each pays a native dispatch and a temporary array, which for the MNIST CNN's ten small
 * variables came to more time a step than a conv layer's forward pass. One Java loop per
 * variable does the same float32 arithmetic, in the same order, in a fraction of that. The views
 * exist only on the CPU backend and for whole, contiguous float32 arrays; otherwise callers use
 * ND4J ops.
 */
public final class HostFloats {

    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    /** Slots in each thread's cache of buffer views, direct-mapped by the data buffer's identity. */
    private static final int CACHE_SIZE = 256;

    /**
     * Each training step reads the same parameters, gradients, slots and arena arrays: a fresh NIO
     * view of each was a sizeable share of a step's Java garbage, which is what grows the JVM's
     * resident memory. An entry holds its data buffer, so a view cannot outlive the memory it
     * reads; every access through a view is absolute, so sharing one is safe.
     */
    private static final ThreadLocal<RecentByIdentity<DataBuffer, FloatBuffer>> VIEWS = ThreadLocal.withInitial(
            () -> new RecentByIdentity<>(CACHE_SIZE, DataBuffer::asNioFloat));

    private HostFloats() {
    }

    /**
     * A view of the array's elements, or null when it has none (another backend, data type or
     * layout).
     *
     * @param a the array
     * @return its elements in row-major order, or null
     */
    public static FloatBuffer of(INDArray a) {
        if (!CPU || a == null || a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView()
                || a.data().offset() != 0 || a.length() != a.data().length()) {
            return null;
        }
        return VIEWS.get().get(a.data());
    }
}
