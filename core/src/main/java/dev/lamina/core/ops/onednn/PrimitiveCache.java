package dev.lamina.core.ops.onednn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

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

    PrimitiveCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The entry for this key, created when missing.
     *
     * @param key the configuration's numbers
     * @param create builds the entry
     * @return the cached or new entry
     */
    @SuppressWarnings("unchecked")
    T get(long[] key, Supplier<T> create) {
        List<Object[]> list = entries.get();
        for (int i = 0; i < list.size(); i++) {
            Object[] e = list.get(i);
            if (Arrays.equals((long[]) e[0], key)) {
                if (i > 0) {
                    list.remove(i);
                    list.add(0, e);
                }
                return (T) e[1];
            }
        }
        T fresh = create.get();
        list.add(0, new Object[] {key, fresh});
        if (list.size() > capacity) {
            ((T) list.remove(list.size() - 1)[1]).destroy();
        }
        return fresh;
    }

    /**
     * How many configurations this thread holds.
     *
     * @return the number of entries
     */
    int size() {
        return entries.get().size();
    }
}
