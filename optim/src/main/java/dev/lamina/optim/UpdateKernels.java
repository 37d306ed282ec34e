package dev.lamina.optim;

import dev.lamina.backend.HostFloats;
import java.nio.Buffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs an {@link ElementwiseOptimizer}'s formula block by block over a variable, its gradient and
 * its slots: in place on host memory where the arrays are whole, row-major host arrays of the
 * variable's precision, through host copies otherwise (views, other data types, device memory).
 * One instance per optimizer keeps the lanes, so a step allocates nothing per element or block.
 */
final class UpdateKernels {

    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    /** Made on first use: most models update one precision only, and lanes are kilobytes each. */
    private Lanes floats;
    private Lanes doubles;
    /**
     * Each variable's slot arrays, by its (lasting) slot map: walking the map each step would
     * allocate an iterator per variable.
     */
    private final Map<Map<String, INDArray>, INDArray[]> slotArraysByMap = new IdentityHashMap<>();
    private Buffer[] slotBuffers = new Buffer[0];

    private Lanes floatLanes() {
        if (floats == null) {
            floats = new Lanes(true);
        }
        return floats;
    }

    private Lanes doubleLanes() {
        if (doubles == null) {
            doubles = new Lanes(false);
        }
        return doubles;
    }

    /**
     * Drops what is kept about a variable's slots, once the optimizer forgot them.
     *
     * @param slots the slots, as passed to {@link #run}
     */
    void forget(Map<String, INDArray> slots) {
        slotArraysByMap.remove(slots);
    }

    /**
     * Updates one variable and its slots in place.
     *
     * @param update the optimizer whose formula runs, its step scalars already prepared
     * @param g the gradient, of the variable's shape
     * @param w the variable
     * @param slots the variable's slots in the optimizer's slot order
     */
    void run(ElementwiseOptimizer<?> update, INDArray g, INDArray w, Map<String, INDArray> slots) {
        INDArray[] slotArrays = slotArraysByMap.computeIfAbsent(slots, m -> m.values().toArray(new INDArray[0]));
        int count = slotArrays.length;
        if (slotBuffers.length < count) {
            slotBuffers = new Buffer[count];
        }
        boolean float32 = w.dataType() == DataType.FLOAT;
        try {
            for (int k = 0; k < count; k++) {
                slotBuffers[k] = read(slotArrays[k], float32);
            }
            Buffer gb = read(g, float32);
            Buffer wb = read(w, float32);
            Lanes x = float32 ? floatLanes() : doubleLanes();
            x.slotCount(count);
            int n = gb.limit();
            for (int offset = 0; offset < n; offset += Lanes.BLOCK) {
                x.length(Math.min(Lanes.BLOCK, n - offset));
                x.gradient().load(gb, offset);
                x.weight().load(wb, offset);
                for (int i = 0; i < count; i++) {
                    x.slot(i).load(slotBuffers[i], offset);
                }
                update.update(x);
                x.weight().store(wb, offset);
                for (int i = 0; i < count; i++) {
                    x.slot(i).store(slotBuffers[i], offset);
                }
            }
            writeBack(wb, w);
            for (int i = 0; i < count; i++) {
                writeBack(slotBuffers[i], slotArrays[i]);
            }
        } finally {
            // The scratch must not keep a variable's copies alive until the next step.
            for (int i = 0; i < count; i++) {
                slotBuffers[i] = null;
            }
        }
    }

    /**
     * The array's elements in row-major order and the given precision: a view of the array's own
     * host memory where it has one, else a host copy (a heap buffer).
     */
    private static Buffer read(INDArray a, boolean float32) {
        if (float32) {
            FloatBuffer view = HostFloats.of(a);
            return view != null ? view : FloatBuffer.wrap(a.dup('c').data().asFloat());
        }
        if (CPU && a.dataType() == DataType.DOUBLE && a.ordering() == 'c' && !a.isView() && a.data().offset() == 0
                && a.length() == a.data().length()) {
            return a.data().asNioDouble();
        }
        return DoubleBuffer.wrap(a.dup('c').data().asDouble());
    }

    /** Copies a host copy's values back into its array; a view already wrote through. */
    private static void writeBack(Buffer values, INDArray a) {
        if (values.hasArray()) {
            INDArray copy = values instanceof FloatBuffer f ? Nd4j.create(f.array(), a.shape(), 'c')
                    : Nd4j.create(((DoubleBuffer) values).array(), a.shape(), 'c');
            a.assign(copy);
        }
    }
}
