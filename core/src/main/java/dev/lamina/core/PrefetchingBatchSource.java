package dev.lamina.core;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares the next batches of another source on a background thread while the current one trains,
 * keeping their order. Batches are requested by index, so the consumer sees exactly what the
 * wrapped source would give; only the timing changes.
 *
 * <p>Close it to stop the thread.
 */
public final class PrefetchingBatchSource implements BatchSource, AutoCloseable {

    private final BatchSource inner;
    private final int depth;
    private final ExecutorService worker;
    private final Map<Integer, Future<Batch>> pending = new HashMap<>();

    /**
     * Wraps a source.
     *
     * @param inner the source; its {@link BatchSource#batch(int)} must be thread-safe
     * @param depth how many batches to prepare ahead (at least 1)
     */
    public PrefetchingBatchSource(BatchSource inner, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("prefetch depth must be at least 1. Received: depth=" + depth);
        }
        this.inner = inner;
        this.depth = depth;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lamina-prefetch");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int numBatches() {
        return inner.numBatches();
    }

    @Override
    public long numSamples() {
        return inner.numSamples();
    }

    @Override
    public synchronized void onEpochBegin(int epoch) {
        // Batches prepared ahead belong to the previous epoch's order: drop them.
        cancelPending();
        inner.onEpochBegin(epoch);
        schedule(0);
    }

    @Override
    public synchronized void onEpochEnd(int epoch) {
        cancelPending();
        inner.onEpochEnd(epoch);
    }

    @Override
    public synchronized Batch batch(int index) {
        Future<Batch> f = pending.remove(index);
        schedule(index + 1);
        if (f == null) {
            return inner.batch(index);
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for batch " + index, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("preparing batch " + index + " failed", cause);
        } catch (CancellationException e) {
            return inner.batch(index);
        }
    }

    @Override
    public void release(Batch batch) {
        inner.release(batch);
    }

    private void schedule(int from) {
        int end = Math.min(inner.numBatches(), from + depth);
        for (int i = from; i < end; i++) {
            if (!pending.containsKey(i)) {
                int index = i;
                pending.put(i, worker.submit(() -> inner.batch(index)));
            }
        }
    }

    private void cancelPending() {
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
    }

    /** Stops the background thread. */
    @Override
    public synchronized void close() {
        cancelPending();
        worker.shutdownNow();
    }
}
