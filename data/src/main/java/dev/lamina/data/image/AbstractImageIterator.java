package dev.lamina.data.image;

import dev.lamina.backend.NativeMemory;
import dev.lamina.core.BatchSource;
import dev.lamina.core.Lamina;
import dev.lamina.core.Seeds;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the array and folder iterators share (Keras' {@code Iterator}): batches of consecutive
 * positions in a per-epoch order, shuffled or not, and the seeds of each sample's augmentation.
 *
 * <p>Both the order and every augmentation derive from (seed, epoch, …) rather than from a running
 * generator, so {@link #batch(int)} is a pure function of the epoch set by {@link #onEpochBegin}
 * and the index: batches can be prepared on another thread, in any order, and a resumed run sees
 * the batches an uninterrupted one would have seen.
 *
 * @param <T> the concrete iterator, returned by the fluent setters
 */
abstract class AbstractImageIterator<T extends AbstractImageIterator<T>> implements BatchSource {

    /** Released batches kept per batch size; beyond these, a released batch's arrays are freed. */
    private static final int MAX_SPARES = 4;

    private final int batchSize;
    /**
     * Released batches by size (index: sample count), refilled by later batches of as many
     * samples; bounded queues, which unlike linked ones make no node per batch kept.
     */
    private final AtomicReferenceArray<Queue<Batch>> spares;
    /** Each thread's sample indices of the batch it loads, reused from batch to batch. */
    private final ThreadLocal<int[][]> samplesOf = ThreadLocal.withInitial(() -> new int[1][0]);
    private boolean shuffle = true;
    private long seed = Lamina.getSeed();
    /** {@link #augmentSeed}'s derivation up to the per-image coordinates, worked out per seed. */
    private long augmentBase = Seeds.derive(seed, "image-augment");
    private volatile int epoch;
    private volatile Order order;

    /** One epoch's order of samples; {@code permutation} is null when not shuffling. */
    private record Order(int epoch, int[] permutation) {
    }

    AbstractImageIterator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive. Received: batch_size=" + batchSize);
        }
        this.batchSize = batchSize;
        this.spares = new AtomicReferenceArray<>(batchSize + 1);
    }

    /** The number of samples this iterator serves per epoch. */
    abstract int sampleCount();

    /**
     * Builds the batch of these samples.
     *
     * @param samples indices from 0 to {@code sampleCount() - 1}, in batch order; the calling
     *     thread's array, overwritten by its next batch, so not to be kept
     * @param epoch the epoch, for {@link #augmentSeed}
     */
    abstract Batch load(int[] samples, int epoch);

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /**
     * Shuffle the samples anew each epoch (default true).
     *
     * @param shuffle whether to shuffle
     * @return this iterator
     */
    public T shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        this.order = null;
        return self();
    }

    /**
     * The seed of the shuffling and of every random transformation (default: the global seed,
     * {@link Lamina#getSeed()}, when the iterator was made).
     *
     * @param seed any value
     * @return this iterator
     */
    public T seed(long seed) {
        this.seed = seed;
        this.augmentBase = Seeds.derive(seed, "image-augment");
        this.order = null;
        return self();
    }

    /**
     * The number of samples per batch; the last batch of an epoch may be smaller.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int numBatches() {
        return (sampleCount() + batchSize - 1) / batchSize;
    }

    @Override
    public long numSamples() {
        return sampleCount();
    }

    @Override
    public void onEpochBegin(int epoch) {
        this.epoch = epoch;
        this.order = makeOrder(epoch);
    }

    @Override
    public Batch batch(int index) {
        if (index < 0 || index >= numBatches()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + numBatches());
        }
        Order o = order;
        if (o == null) {
            o = makeOrder(epoch);
            order = o;
        }
        int start = index * batchSize;
        int end = Math.min(sampleCount(), start + batchSize);
        int[][] held = samplesOf.get();
        if (held[0].length != end - start) {
            // A full batch and the epoch's short last one take turns: one new array an epoch.
            held[0] = new int[end - start];
        }
        int[] samples = held[0];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = o.permutation == null ? start + i : o.permutation[start + i];
        }
        return load(samples, o.epoch);
    }

    /**
     * Takes a batch's arrays back to fill a later batch of as many samples: fresh arrays for each
     * batch, left to the garbage collector, are freed only when it runs, and their native memory
     * piled up from epoch to epoch (or stayed with the C allocator). Arrays beyond a few spares per
     * batch size are freed at once.
     *
     * @param batch a batch this iterator returned, not used by the caller afterwards
     */
    @Override
    public void release(Batch batch) {
        if (batch == null || batch.inputs().length != 1) {
            return;
        }
        int n = Math.toIntExact(batch.size());
        if (n > batchSize) {
            // Not one of this iterator's batches.
            return;
        }
        Queue<Batch> queue = spares.get(n);
        if (queue == null) {
            spares.compareAndSet(n, null, new ArrayBlockingQueue<>(MAX_SPARES));
            queue = spares.get(n);
        }
        if (!queue.offer(batch)) {
            NativeMemory.free(batch.x());
            NativeMemory.free(batch.y());
            NativeMemory.free(batch.sampleWeights());
        }
    }

    /**
     * A released batch of {@code n} samples, if any; the caller checks that its arrays fit.
     *
     * @param n the number of samples
     * @return the batch, or {@code null}
     */
    Batch pollSpare(int n) {
        Queue<Batch> queue = n >= 0 && n <= batchSize ? spares.get(n) : null;
        return queue == null ? null : queue.poll();
    }

    /** Forgets the current order, e.g. after the sample set changed. */
    void resetOrder() {
        this.order = null;
    }

    /**
     * The seed of one sample's random transformation in one epoch.
     *
     * @param epoch the epoch
     * @param sample the sample's index
     * @return the seed for {@link ImageDataGenerator#getRandomTransform}
     */
    long augmentSeed(int epoch, int sample) {
        return Seeds.extend(Seeds.extend(augmentBase, epoch), sample);
    }

    private Order makeOrder(int epoch) {
        int n = sampleCount();
        if (!shuffle) {
            return new Order(epoch, null);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "image-shuffle", epoch));
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return new Order(epoch, p);
    }
}
