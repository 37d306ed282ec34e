package dev.lamina.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses the arrays of a repeated computation, such as one training step, from one repetition to
 * the next.
 *
 * <p>Inside {@link #step()}, the k-th array that an op asks for gets an array handed out k-th in
 * an earlier step whenever its type and shape match (the last two shapes seen at each position are
 * kept). A training step allocates the same
 * sequence of activations and gradients every time, so after the first step nothing is allocated:
 * fresh off-heap buffers cost page faults that can exceed the kernel itself (ND4J-NOTES measured
 * 4-7x for the first MNIST conv layer). Arrays handed out in a step are valid until the next step of
 * the same arena begins: copy ({@code dup()}) what must live longer. Parameters, their gradients
 * and optimizer state never come from an arena.
 *
 * <p>Inference can hand an array back early with {@link #release}: once a layer's output has been
 * computed from it, an activation is dead, and the next request for the same type and shape in the
 * same step gets it instead of a new array. A batch-1000 prediction then holds a layer or two of
 * activations at a time instead of all of them.
 *
 * <p>An arena belongs to one thread.
 */
public final class ArrayArena {

    private static final ThreadLocal<ArrayArena> ACTIVE = new ThreadLocal<>();

    /**
     * Arrays kept per position: a full batch and the short last one of an epoch, or a training
     * step and the validation pass between epochs, each keep their own instead of replacing each
     * other (which left every activation of the other shape to the garbage collector, twice an
     * epoch).
     */
    private static final int WAYS = 2;

    private final List<INDArray[]> slots = new ArrayList<>();
    /** Arrays handed out in the current step and not released. */
    private final Set<INDArray> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Arrays released in the current step, free for a request of the same type and shape. */
    private final List<INDArray> released = new ArrayList<>();
    private int cursor;

    /**
     * Begins a repetition: from now until the returned scope closes, op outputs on this thread come
     * from this arena.
     *
     * @return the scope; closing it deactivates the arena (its arrays stay valid until the next step)
     */
    public GradMode.Scope step() {
        ArrayArena previous = ACTIVE.get();
        cursor = 0;
        inUse.clear();
        released.clear();
        ACTIVE.set(this);
        return () -> ACTIVE.set(previous);
    }

    /**
     * Number of arrays this arena holds.
     *
     * @return the slot count
     */
    public int size() {
        return slots.size();
    }

    /**
     * Number of distinct arrays this arena holds (an array released and reused within a step is
     * kept at several positions but counted once).
     *
     * @return the count
     */
    public int distinctArrays() {
        Set<INDArray> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        for (INDArray[] slot : slots) {
            for (INDArray a : slot) {
                if (a != null) {
                    distinct.add(a);
                }
            }
        }
        return distinct.size();
    }

    /**
     * Allocates an uninitialised array: from the active arena when there is one, otherwise fresh.
     *
     * @param type the data type
     * @param shape the shape
     * @return an array whose contents are undefined
     */
    public static INDArray uninitialized(DataType type, long... shape) {
        ArrayArena arena = ACTIVE.get();
        return arena == null ? Nd4j.createUninitialized(type, shape) : arena.take(type, shape);
    }

    /**
     * Allocates a zero-filled array, from the active arena when there is one.
     *
     * @param type the data type
     * @param shape the shape
     * @return an array of zeros
     */
    public static INDArray zeros(DataType type, long... shape) {
        ArrayArena arena = ACTIVE.get();
        return arena == null ? Nd4j.create(type, shape) : arena.take(type, shape).assign(0);
    }

    /**
     * Hands an array back to the active arena before the step ends, for reuse by a later request
     * of the same type and shape in this step. The caller promises that nothing reads the array
     * (or a view of it) afterwards. Arrays the arena did not hand out in this step are ignored, as
     * is any call without an active arena.
     *
     * @param array an array from {@link #uninitialized} or {@link #zeros}
     */
    public static void release(INDArray array) {
        ArrayArena arena = ACTIVE.get();
        if (arena != null && arena.inUse.remove(array)) {
            arena.released.add(array);
        }
    }

    /**
     * Whether two arrays are views of one allocation (a reshape, a slice or the array itself), so
     * that releasing one would hand out memory the other still reads.
     *
     * @param a an array
     * @param b another array
     * @return true when they share a buffer
     */
    public static boolean shareBuffer(INDArray a, INDArray b) {
        // Every view's buffer reports its allocation's base address.
        return a.data().address() == b.data().address();
    }

    private INDArray take(DataType type, long[] shape) {
        int k = cursor++;
        if (k == slots.size()) {
            slots.add(new INDArray[WAYS]);
        }
        INDArray[] slot = slots.get(k);
        for (int i = 0; i < WAYS; i++) {
            INDArray a = slot[i];
            // A kept array may have been handed out already in this step, through release.
            if (a != null && matches(a, type, shape) && !inUse.contains(a)) {
                // Most recent first, so that the array dropped next is the one unused longest.
                System.arraycopy(slot, 0, slot, 1, i);
                slot[0] = a;
                removeReleased(a);
                inUse.add(a);
                return a;
            }
        }
        INDArray reused = takeReleased(type, shape);
        INDArray fresh = reused != null ? reused : Nd4j.createUninitialized(type, shape);
        System.arraycopy(slot, 0, slot, 1, WAYS - 1);
        slot[0] = fresh;
        inUse.add(fresh);
        return fresh;
    }

    private static boolean matches(INDArray a, DataType type, long[] shape) {
        return a.dataType() == type && Arrays.equals(a.shape(), shape);
    }

    private INDArray takeReleased(DataType type, long[] shape) {
        for (int i = released.size() - 1; i >= 0; i--) {
            INDArray a = released.get(i);
            if (matches(a, type, shape)) {
                released.remove(i);
                return a;
            }
        }
        return null;
    }

    /** By identity: INDArray.equals compares contents. */
    private void removeReleased(INDArray a) {
        for (int i = released.size() - 1; i >= 0; i--) {
            if (released.get(i) == a) {
                released.remove(i);
                return;
            }
        }
    }
}
