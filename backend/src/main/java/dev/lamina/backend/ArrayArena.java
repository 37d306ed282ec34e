package dev.lamina.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reuses the arrays of a repeated computation, such as one training step, from one repetition to
 * the next.
 *
 * <p>Inside {@link #step()}, the k-th array that an op asks for gets an array handed out k-th in
 * an earlier step whenever its type and shape match (the last two shapes seen at each position are
 * kept). A training step allocates the same sequence of activations and gradients every time, so
 * after the first step nothing is allocated: fresh off-heap buffers cost page faults that can take
 * longer than the kernel itself (they did, several times over, for the MNIST CNN's first conv
 * layer). Arrays handed out in a step are valid until the next step of the same arena begins: copy
 * ({@code dup()}) what must live longer. Parameters, their gradients and optimizer state never come
 * from an arena.
 *
 * <p>Inference can hand an array back early with {@link #release}: once a layer's output has been
 * computed from it, an activation is dead, and the next request for the same type and number of
 * elements in the same step gets it (reshaped if need be) instead of a new array. A batch-1000
 * prediction then holds a layer or two of activations at a time instead of all of them.
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

    /** Reshaped views kept per array: an activation is seen in two or three shapes. */
    private static final int VIEWS_PER_ARRAY = 4;

    private final List<INDArray[]> slots = new ArrayList<>();
    /**
     * Buffers handed out in the current step and not released, by address: a kept array and a
     * reshaped view of it (kept at another position) are one buffer.
     */
    private final AddressMap<INDArray> inUse = new AddressMap<>();
    /**
     * Reshaped views of the arrays handed out, by array, reused from step to step: a fresh view
     * costs an array object and native shape information (Java garbage, which is what grows the
     * JVM's resident memory), and a step reshapes a few dozen times.
     */
    private final Map<INDArray, INDArray[]> views = new IdentityHashMap<>();
    /** Arrays released in the current step, free for a request of the same type and length. */
    private final List<INDArray> released = new ArrayList<>();
    /**
     * Vector, matrix and image shapes asked for by dimensions, held while the arena looks for a match
     * (copied when a new array or view is made): a varargs array per request was garbage.
     */
    private final long[] vectorShape = new long[1];
    private final long[] matrixShape = new long[2];
    private final long[] imageShape = new long[4];
    private int cursor;

    /**
     * Begins a repetition: from now until the returned scope closes, op outputs on this thread come
     * from this arena.
     *
     * @return the scope; closing it deactivates the arena (its arrays stay valid until the next step)
     */
    public Scope step() {
        ArrayArena previous = ACTIVE.get();
        cursor = 0;
        inUse.clear();
        released.clear();
        ACTIVE.set(this);
        return () -> ACTIVE.set(previous);
    }

    /**
     * Frees the native memory of every array this arena holds, at once, and forgets them; the next
     * {@link #step()} allocates afresh. Arrays handed out earlier are closed and must not be used
     * again. Call it only while no step of this arena runs.
     *
     * @return the number of buffers freed
     */
    public int free() {
        int freed = 0;
        for (INDArray[] slot : slots) {
            for (INDArray a : slot) {
                freed += NativeMemory.free(a) ? 1 : 0;
            }
        }
        // A released array may have dropped out of its slot while a view of it stayed in another.
        for (INDArray a : released) {
            freed += NativeMemory.free(a) ? 1 : 0;
        }
        for (INDArray a : views.keySet()) {
            freed += NativeMemory.free(a) ? 1 : 0;
        }
        slots.clear();
        views.clear();
        released.clear();
        inUse.clear();
        cursor = 0;
        return freed;
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
        return distinctSizes().size();
    }

    /**
     * Bytes of the distinct arrays this arena holds.
     *
     * @return the total size of their buffers
     */
    public long heldBytes() {
        return distinctSizes().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Bytes of each distinct buffer held, by address (a reshaped view shares its array's). */
    private Map<Long, Long> distinctSizes() {
        Map<Long, Long> sizes = new HashMap<>();
        for (INDArray[] slot : slots) {
            for (INDArray a : slot) {
                if (a != null) {
                    sizes.merge(address(a), a.length() * a.dataType().width(), Math::max);
                }
            }
        }
        return sizes;
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
     * {@link #uninitialized(DataType, long...)} for a vector, without a shape array.
     *
     * @param type the data type
     * @param length the length
     * @return an array whose contents are undefined
     */
    public static INDArray uninitialized(DataType type, long length) {
        ArrayArena arena = ACTIVE.get();
        return arena == null ? Nd4j.createUninitialized(type, length) : arena.take(type, arena.vector(length));
    }

    /**
     * {@link #uninitialized(DataType, long...)} for a matrix, without a shape array.
     *
     * @param type the data type
     * @param rows the number of rows
     * @param cols the number of columns
     * @return an array whose contents are undefined
     */
    public static INDArray uninitialized(DataType type, long rows, long cols) {
        ArrayArena arena = ACTIVE.get();
        return arena == null ? Nd4j.createUninitialized(type, rows, cols)
                : arena.take(type, arena.matrix(rows, cols));
    }

    /**
     * {@link #uninitialized(DataType, long...)} for a batch of images {@code [N, H, W, C]} (the
     * output of a convolution or pooling), without a shape array.
     *
     * @param type the data type
     * @param n the batch size
     * @param h the height
     * @param w the width
     * @param c the number of channels
     * @return an array whose contents are undefined
     */
    public static INDArray uninitialized(DataType type, long n, long h, long w, long c) {
        ArrayArena arena = ACTIVE.get();
        return arena == null ? Nd4j.createUninitialized(type, n, h, w, c)
                : arena.take(type, arena.image(n, h, w, c));
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
        return arena == null ? Nd4j.create(type, shape) : InPlace.fill(arena.take(type, shape), 0.0);
    }

    /**
     * {@link #zeros(DataType, long...)} for a matrix, without a shape array.
     *
     * @param type the data type
     * @param rows the number of rows
     * @param cols the number of columns
     * @return an array of zeros
     */
    public static INDArray zeros(DataType type, long rows, long cols) {
        ArrayArena arena = ACTIVE.get();
        return arena == null ? Nd4j.create(type, rows, cols)
                : InPlace.fill(arena.take(type, arena.matrix(rows, cols)), 0.0);
    }

    /**
     * Hands an array back to the active arena before the step ends, for reuse by a later request
     * of the same type and number of elements in this step. The caller promises that nothing reads
     * the array (or a view of it) afterwards. A reshaped view of a handed-out array releases it;
     * a slice, arrays the arena did not hand out in this step, and calls without an active arena
     * are ignored.
     *
     * @param array an array from {@link #uninitialized} or {@link #zeros}, or a reshape of one
     */
    public static void release(INDArray array) {
        ArrayArena arena = ACTIVE.get();
        if (arena == null) {
            return;
        }
        INDArray owner = arena.inUse.get(address(array));
        // Only the whole buffer: a slice's release would free memory its siblings still use.
        if (owner != null && owner.length() == array.length()) {
            arena.inUse.remove(address(array));
            arena.released.add(owner);
        }
    }

    /**
     * Whether the active arena handed this array's whole buffer out in the current step and it
     * has not been released: memory that belongs to the step, not to a caller.
     *
     * @param array an array, or a reshaped view of one
     * @return true for an array of the current step, false without an active arena
     */
    public static boolean isStepArray(INDArray array) {
        ArrayArena arena = ACTIVE.get();
        if (arena == null) {
            return false;
        }
        INDArray owner = arena.inUse.get(address(array));
        return owner != null && owner.length() == array.length();
    }

    /**
     * The array itself when its elements lie row-major without gaps from its first one, else such
     * a copy (from the active arena, if any). Native kernels that take a buffer and a shape need
     * this: libnd4j's conv2d reads a permuted view as garbage, and oneDNN takes only addresses.
     *
     * @param a an array
     * @return {@code a}, or a row-major copy of it
     */
    public static INDArray rowMajor(INDArray a) {
        return isRowMajor(a) ? a : uninitialized(a.dataType(), a.shape()).assign(a);
    }

    /**
     * A row-major reshape of an array: for an array the active arena handed out whole in this
     * step (or a row-major view of all of one), the view made for the same shape in an earlier
     * step; otherwise a new view (or a copy, when the array is not row-major).
     *
     * @param a an array
     * @param shape the new shape, with as many elements
     * @return {@code a} reshaped
     */
    public static INDArray reshape(INDArray a, long... shape) {
        return reshape(ACTIVE.get(), a, shape);
    }

    /**
     * {@link #reshape(INDArray, long...)} to a vector, without a shape array.
     *
     * @param a an array
     * @param length its number of elements
     * @return {@code a} reshaped
     */
    public static INDArray reshape(INDArray a, long length) {
        ArrayArena arena = ACTIVE.get();
        return reshape(arena, a, arena == null ? new long[] {length} : arena.vector(length));
    }

    /**
     * {@link #reshape(INDArray, long...)} to a matrix, without a shape array.
     *
     * @param a an array
     * @param rows the number of rows
     * @param cols the number of columns
     * @return {@code a} reshaped
     */
    public static INDArray reshape(INDArray a, long rows, long cols) {
        ArrayArena arena = ACTIVE.get();
        return reshape(arena, a, arena == null ? new long[] {rows, cols} : arena.matrix(rows, cols));
    }

    private static INDArray reshape(ArrayArena arena, INDArray a, long[] shape) {
        if (Arrays.equals(a.shape(), shape)) {
            return a;
        }
        INDArray owner = arena == null ? null : arena.ownerOf(a);
        if (owner == null || owner.length() != a.length() || !isRowMajor(a) || !isRowMajor(owner)) {
            return a.reshape('c', shape.clone());
        }
        return arena.view(owner, shape);
    }

    /** The handed-out array whose buffer this is, released ones included; null for other memory. */
    private INDArray ownerOf(INDArray a) {
        long address = address(a);
        INDArray owner = inUse.get(address);
        if (owner != null) {
            return owner;
        }
        // An op that writes over its input (batch normalization in inference) reshapes it after the
        // plan has released it: without its cached views that made two new views a layer a step.
        int i = releasedIndex(address);
        return i < 0 ? null : released.get(i);
    }

    private long[] vector(long length) {
        vectorShape[0] = length;
        return vectorShape;
    }

    private long[] matrix(long rows, long cols) {
        matrixShape[0] = rows;
        matrixShape[1] = cols;
        return matrixShape;
    }

    private long[] image(long n, long h, long w, long c) {
        imageShape[0] = n;
        imageShape[1] = h;
        imageShape[2] = w;
        imageShape[3] = c;
        return imageShape;
    }

    /**
     * Whether an array's elements lie row-major without gaps from its first one (sizes of 1 may
     * have any stride).
     *
     * @param a an array
     * @return true when its first element's address and its shape describe it completely
     */
    public static boolean isRowMajor(INDArray a) {
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            long size = a.size(i);
            if (size != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= size;
        }
        return true;
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
        return address(a) == address(b);
    }

    private INDArray take(DataType type, long[] shape) {
        int k = cursor++;
        if (k == slots.size()) {
            slots.add(new INDArray[WAYS]);
        }
        INDArray[] slot = slots.get(k);
        for (int i = 0; i < WAYS; i++) {
            INDArray a = slot[i];
            // A kept array may share its buffer with one handed out already in this step (through
            // release); only a free buffer may be handed out.
            if (a != null && a.dataType() == type && Arrays.equals(a.shape(), shape)
                    && !inUse.containsKey(address(a))) {
                // Most recent first, so that the array dropped next is the one unused longest.
                System.arraycopy(slot, 0, slot, 1, i);
                slot[0] = a;
                removeReleased(a);
                inUse.put(address(a), a);
                return a;
            }
        }
        INDArray reused = takeReleased(type, shape);
        // The shape may be this arena's reused vector or matrix shape: a new array gets a copy.
        INDArray fresh = reused != null ? reused : Nd4j.createUninitialized(type, shape.clone());
        if (slot[WAYS - 1] != null) {
            // Dropped from this position: its views go too (they would pin its memory).
            views.remove(slot[WAYS - 1]);
        }
        System.arraycopy(slot, 0, slot, 1, WAYS - 1);
        slot[0] = fresh;
        inUse.put(address(fresh), fresh);
        return fresh;
    }

    /** The cached view of a handed-out row-major array with this shape, made on first use. */
    private INDArray view(INDArray owner, long[] shape) {
        INDArray[] known = views.get(owner);
        if (known != null) {
            for (INDArray v : known) {
                if (v != null && Arrays.equals(v.shape(), shape)) {
                    return v;
                }
            }
        } else {
            known = new INDArray[VIEWS_PER_ARRAY];
            views.put(owner, known);
        }
        INDArray v = owner.reshape('c', shape.clone());
        // Newest first; the oldest shape drops out.
        System.arraycopy(known, 0, known, 1, known.length - 1);
        known[0] = v;
        return v;
    }

    private static long address(INDArray a) {
        // Every view's buffer reports its allocation's base address.
        return a.data().address();
    }

    /** A released buffer of this type and length, shaped as asked (a reshaped view if need be). */
    private INDArray takeReleased(DataType type, long[] shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        for (int i = released.size() - 1; i >= 0; i--) {
            INDArray a = released.get(i);
            if (a.dataType() == type && a.length() == length && Shape.hasDefaultStridesForShape(a)) {
                released.remove(i);
                return Arrays.equals(a.shape(), shape) ? a : view(a, shape);
            }
        }
        return null;
    }

    /** Forgets the released entry for this array's buffer, if any. */
    private void removeReleased(INDArray a) {
        int i = releasedIndex(address(a));
        if (i >= 0) {
            released.remove(i);
        }
    }

    /** The position in {@link #released} of the array with this buffer address, or -1. */
    private int releasedIndex(long address) {
        for (int i = released.size() - 1; i >= 0; i--) {
            if (address(released.get(i)) == address) {
                return i;
            }
        }
        return -1;
    }

    /** The region of one {@link #step()}; closing it deactivates the arena. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Deactivates the arena, restoring the one active before; throws nothing. */
        @Override
        void close();
    }
}
