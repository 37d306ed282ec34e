package dev.lamina.core;

import java.util.function.Function;

/**
 * Values derived from recently seen objects, looked up by the objects' identity without
 * allocating: a direct-mapped table, where a newcomer replaces whatever shared its slot. Meant for
 * per-thread caches of things a training step asks for again every step (a buffer's native
 * address, its NIO view), where a fresh wrapper per request was the step's Java garbage. An entry
 * holds its key, so a value cannot outlive the object it was derived from. Not thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecentByIdentity<K, V> {

    private final Object[] keys;
    private final Object[] values;
    private final Function<K, V> derive;

    /**
     * An empty cache.
     *
     * @param size the number of slots, a power of two
     * @param derive computes a key's value on a miss
     */
    public RecentByIdentity(int size, Function<K, V> derive) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two, got " + size);
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
        int slot = System.identityHashCode(key) & (keys.length - 1);
        if (keys[slot] != key) {
            values[slot] = derive.apply(key);
            keys[slot] = key;
        }
        return (V) values[slot];
    }
}
