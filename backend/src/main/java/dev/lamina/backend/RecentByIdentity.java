package dev.lamina.backend;

import java.util.function.Function;

/**
 * Values derived from recently seen objects, looked up by the objects' identity without
 * allocating: a table where each key may sit in one of {@value #WAYS} slots from its hash, and a
 * newcomer to a full neighbourhood replaces one of them in turn. Meant for per-thread caches of
 * things a training step asks for again every step (a buffer's native address, its NIO view), where
 * a fresh wrapper per request was the step's Java garbage. With one slot per key (direct-mapped),
 * two of a step's thirty optimizer buffers sharing a slot evicted each other every step. An entry
 * holds its key, so a value cannot outlive the object it was derived from. Not thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecentByIdentity<K, V> {

    /** The slots a key may occupy, from its hash on. */
    static final int WAYS = 4;

    private final Object[] keys;
    private final Object[] values;
    private final Function<K, V> derive;
    /** Which slot of a full neighbourhood the next newcomer takes. */
    private int turn;

    /**
     * An empty cache.
     *
     * @param size the number of slots, a power of two, at least {@value #WAYS}
     * @param derive computes a key's value on a miss
     */
    public RecentByIdentity(int size, Function<K, V> derive) {
        if (Integer.bitCount(size) != 1 || size < WAYS) {
            throw new IllegalArgumentException("size must be a power of two, at least " + WAYS + ", got " + size);
        }
        this.keys = new Object[size];
        this.values = new Object[size];
        this.derive = derive;
    }

    /**
     * The value for this key, derived on a miss.
     *
     * @param key the object
     * @return its value
     */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        int mask = keys.length - 1;
        int home = System.identityHashCode(key);
        int free = -1;
        for (int i = 0; i < WAYS; i++) {
            int slot = (home + i) & mask;
            Object k = keys[slot];
            if (k == key) {
                return (V) values[slot];
            }
            if (k == null && free < 0) {
                free = slot;
            }
        }
        int slot = free >= 0 ? free : (home + (turn++ & (WAYS - 1))) & mask;
        V value = derive.apply(key);
        values[slot] = value;
        keys[slot] = key;
        return value;
    }
}
