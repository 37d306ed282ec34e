package dev.lamina.backend;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A map keyed by native buffer address that allocates nothing once it has grown: an arena looks
 * up every array of a training step by address, and boxing each address into a {@code Long} key
 * was several KB of a step's garbage. Open addressing with linear probing; removal shifts later
 * entries back instead of leaving markers. Not thread-safe.
 *
 * @param <V> the values
 */
public final class AddressMap<V> {

    private long[] keys = new long[64];
    private Object[] values = new Object[64];
    private int size;

    /** An empty map. */
    public AddressMap() {
    }

    /**
     * The address an array's buffer starts at, the same for every view of one allocation (a
     * reshape, a slice or the array itself).
     *
     * @param a an array
     * @return its allocation's base address
     */
    public static long addressOf(INDArray a) {
        return a.data().address();
    }

    /**
     * The value for an address.
     *
     * @param address a buffer address
     * @return the value, or {@code null}
     */
    @SuppressWarnings("unchecked")
    public V get(long address) {
        int mask = keys.length - 1;
        for (int i = slot(address, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == address) {
                return (V) values[i];
            }
        }
        return null;
    }

    /**
     * Whether the address has a value.
     *
     * @param address a buffer address
     * @return true when mapped
     */
    public boolean containsKey(long address) {
        return get(address) != null;
    }

    /**
     * Maps an address to a value, replacing any earlier one.
     *
     * @param address a buffer address
     * @param value the value, not {@code null}
     */
    public void put(long address, V value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(address, mask);
        while (values[i] != null && keys[i] != address) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = address;
        values[i] = value;
    }

    /**
     * Removes an address's value, if any.
     *
     * @param address a buffer address
     */
    public void remove(long address) {
        int mask = keys.length - 1;
        int i = slot(address, mask);
        while (values[i] != null && keys[i] != address) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        // Move back every later entry of the run whose home slot does not lie strictly between
        // the hole and it, so that lookups never stop at the hole too early.
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (!stays) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    /** Removes every entry, keeping the capacity. */
    public void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], (V) oldValues[i]);
            }
        }
    }

    private static int slot(long address, int mask) {
        // Buffers are aligned: mix the high bits in before masking.
        long h = address * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
