package dev.lamina.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    private INDArray take(DataType type, long[] shape) {
        int k = cursor++;
        if (k == slots.size()) {
            slots.add(new INDArray[WAYS]);
        }
        INDArray[] slot = slots.get(k);
        for (int i = 0; i < WAYS; i++) {
            INDArray a = slot[i];
            if (a != null && a.dataType() == type && Arrays.equals(a.shape(), shape)) {
                // Most recent first, so that the array dropped next is the one unused longest.
                System.arraycopy(slot, 0, slot, 1, i);
                slot[0] = a;
                return a;
            }
        }
        INDArray fresh = Nd4j.createUninitialized(type, shape);
        System.arraycopy(slot, 0, slot, 1, WAYS - 1);
        slot[0] = fresh;
        return fresh;
    }
}
