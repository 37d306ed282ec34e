package dev.lamina.backend.onednn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A thread's primitives by configuration (shapes, strides, padding), most recently used first.
 * A network meets a few configurations (each layer, the last partial batch, inference batches);
 * the bound keeps a caller that varies its shapes from piling up native primitives, which are
 * destroyed when they fall out.
 *
 * @param <T> what is kept per configuration
 */
final class PrimitiveCache<T extends PrimitiveCache.Entry> {

    /** Native resources of one configuration, released when it is evicted. */
    interface Entry {
        /** Destroys the primitives and frees their buffers. */
        void destroy();
    }

    private final int capacity;
    private final ThreadLocal<List<Object[]>> entries = ThreadLocal.withInitial(ArrayList::new);
    private final ThreadLocal<Key> scratch = ThreadLocal.withInitial(Key::new);

    PrimitiveCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The entry for this key, created when missing.
     *
     * @param key the configuration's numbers (kept: the caller must not change them afterwards)
     * @param create builds the entry
     * @return the cached or new entry
     */
    T get(long[] key, Supplier<T> create) {
        Key k = key();
        for (long v : key) {
            k.add(v);
        }
        T found = find(k);
        return found != null ? found : put(k, create.get());
    }

    /**
     * This thread's reusable key, emptied, for a lookup that allocates nothing: add the
     * configuration's numbers, {@link #find} with it, and {@link #put} on a miss. Each training step
     * looks up every layer's primitives; a fresh key array (and a capturing supplier) per lookup
     * was a sizeable share of a step's Java garbage.
     *
     * @return the empty key
     */
    Key key() {
        return scratch.get().clear();
    }

    /**
     * The entry for this key, moved to the front, or null.
     *
     * @param key the configuration's numbers
     * @return the entry or null
     */
    @SuppressWarnings("unchecked")
    T find(Key key) {
        List<Object[]> list = entries.get();
        for (int i = 0; i < list.size(); i++) {
            Object[] e = list.get(i);
            if (key.matches((long[]) e[0])) {
                if (i > 0) {
                    list.remove(i);
                    list.add(0, e);
                }
                return (T) e[1];
            }
        }
        return null;
    }

    /**
     * Adds an entry at the front, destroying the least recently used one beyond the capacity.
     *
     * @param key the configuration's numbers (copied)
     * @param fresh the new entry
     * @return {@code fresh}
     */
    @SuppressWarnings("unchecked")
    T put(Key key, T fresh) {
        List<Object[]> list = entries.get();
        list.add(0, new Object[] {key.copy(), fresh});
        if (list.size() > capacity) {
            ((T) list.remove(list.size() - 1)[1]).destroy();
        }
        return fresh;
    }

    int size() {
        return entries.get().size();
    }

    /** A configuration's numbers, built in place. */
    static final class Key {
        private long[] values = new long[16];
        private int length;

        Key clear() {
            length = 0;
            return this;
        }

        /** Appends a number. */
        Key add(long v) {
            if (length == values.length) {
                values = Arrays.copyOf(values, 2 * length);
            }
            values[length++] = v;
            return this;
        }

        /** Appends each number. */
        Key add(long[] vs) {
            for (long v : vs) {
                add(v);
            }
            return this;
        }

        /** Appends each number. */
        Key add(int[] vs) {
            for (int v : vs) {
                add(v);
            }
            return this;
        }

        /** Appends an array's dimensions. */
        Key shapeOf(INDArray a) {
            for (int i = 0; i < a.rank(); i++) {
                add(a.size(i));
            }
            return this;
        }

        boolean matches(long[] stored) {
            return stored.length == length && Arrays.equals(values, 0, length, stored, 0, length);
        }

        long[] copy() {
            return Arrays.copyOf(values, length);
        }
    }
}
