package dev.lamina.core;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.NativeOp;
import java.util.Arrays;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batches from in-memory arrays, as Keras' {@code fit(x, y, batch_size, shuffle)} takes them:
 * consecutive slices, or with {@link #shuffle(boolean)} a new permutation each epoch, derived from
 * the seed and the epoch so that a resumed run sees the same order. The last batch may be smaller.
 */
public final class ArrayBatchSource implements BatchSource {

    private static final NativeOp GATHER = new NativeOp("gather");
    /** Released batches kept for reuse: enough for a prefetching consumer a few batches ahead. */
    private static final int MAX_SPARES = 8;
    /**
     * Unshuffled batches kept as views beyond this many batches are made afresh each time: a
     * kept batch holds a few kilobytes of Java objects, which a source of millions of tiny
     * batches should not pin.
     */
    private static final int MAX_KEPT_SLICES = 8192;

    private final INDArray[] xs;
    private final INDArray[] ys;
    private final INDArray sampleWeights;
    private final Queue<INDArray>[] spareX;
    private final Queue<INDArray>[] spareY;
    private final Queue<INDArray> spareWeights = new ConcurrentLinkedQueue<>();
    /**
     * The unshuffled batches, made on first use: each epoch asks for the same slices, and a new
     * ND4J view per array and batch was most of an evaluation's Java garbage. They are views of
     * the caller's arrays, holding no memory of their own.
     */
    private final AtomicReferenceArray<Batch> slices;
    private final int batchSize;
    private final long n;
    private boolean shuffle;
    private long seed = Lamina.getSeed();
    private volatile int[] order;

    /**
     * Batches of {@code x} and {@code y}.
     *
     * @param x inputs, samples along the first axis
     * @param y targets with as many samples, or {@code null}
     * @param batchSize samples per batch
     * @throws IllegalArgumentException when the sample counts differ or the batch size is not positive
     */
    public ArrayBatchSource(INDArray x, INDArray y, int batchSize) {
        this(x, y, null, batchSize);
    }

    /**
     * Batches of {@code x}, {@code y} and per-sample weights.
     *
     * @param x inputs, samples along the first axis
     * @param y targets with as many samples, or {@code null}
     * @param sampleWeights one weight per sample, or {@code null}
     * @param batchSize samples per batch
     * @throws IllegalArgumentException when the sample counts differ or the batch size is not positive
     */
    public ArrayBatchSource(INDArray x, INDArray y, INDArray sampleWeights, int batchSize) {
        this(new INDArray[] {x}, y == null ? null : new INDArray[] {y}, sampleWeights, batchSize);
    }

    /**
     * Batches of several inputs and targets (a model with several inputs or outputs), every array
     * cut and shuffled by the same sample order.
     *
     * @param xs the inputs, samples along the first axis, all with as many samples
     * @param ys the targets with as many samples, or {@code null}
     * @param sampleWeights one weight per sample, or {@code null}
     * @param batchSize samples per batch
     * @throws IllegalArgumentException when the sample counts differ or the batch size is not positive
     */
    @SuppressWarnings("unchecked")
    public ArrayBatchSource(INDArray[] xs, INDArray[] ys, INDArray sampleWeights, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive. Received: batch_size=" + batchSize);
        }
        if (xs.length == 0 || xs[0] == null || xs[0].rank() == 0) {
            throw new IllegalArgumentException("x must have a sample axis, got " + (xs.length == 0 || xs[0] == null
                    ? "no array" : "a scalar"));
        }
        this.xs = xs.clone();
        this.n = xs[0].size(0);
        for (int i = 1; i < xs.length; i++) {
            checkCount("x[" + i + "]", xs[i]);
        }
        if (ys != null) {
            for (int i = 0; i < ys.length; i++) {
                checkCount(ys.length == 1 ? "y" : "y[" + i + "]", ys[i]);
            }
        }
        checkCount("sample_weight", sampleWeights);
        this.ys = ys == null ? null : ys.clone();
        this.sampleWeights = sampleWeights;
        this.batchSize = batchSize;
        this.spareX = spares(xs.length);
        this.spareY = spares(ys == null ? 0 : ys.length);
        this.slices = new AtomicReferenceArray<>(Math.min(numBatches(), MAX_KEPT_SLICES));
    }

    @SuppressWarnings("unchecked")
    private static Queue<INDArray>[] spares(int count) {
        Queue<INDArray>[] q = new Queue[count];
        for (int i = 0; i < count; i++) {
            q[i] = new ConcurrentLinkedQueue<>();
        }
        return q;
    }

    private void checkCount(String what, INDArray a) {
        if (a != null && (a.rank() == 0 || a.size(0) != n)) {
            throw new IllegalArgumentException("x and " + what + " must have the same number of samples: x has " + n
                    + " (shape " + Arrays.toString(xs[0].shape()) + "), " + what + " has "
                    + (a.rank() == 0 ? "none (a scalar)" : a.size(0) + " (shape " + Arrays.toString(a.shape()) + ")"));
        }
    }

    /**
     * Shuffle the samples at the start of every epoch (Keras' default in {@code fit}).
     *
     * @param shuffle whether to shuffle
     * @return this source
     */
    public ArrayBatchSource shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        this.order = null;
        return this;
    }

    /**
     * The seed of the per-epoch permutations (default: the global seed at construction).
     *
     * @param seed the seed
     * @return this source
     */
    public ArrayBatchSource seed(long seed) {
        this.seed = seed;
        this.order = null;
        return this;
    }

    @Override
    public int numBatches() {
        return (int) ((n + batchSize - 1) / batchSize);
    }

    @Override
    public long numSamples() {
        return n;
    }

    @Override
    public void onEpochBegin(int epoch) {
        order = shuffle ? permutation(Seeds.derive(seed, "shuffle", epoch)) : null;
    }

    @Override
    public Batch batch(int index) {
        if (index < 0 || index >= numBatches()) {
            throw new IndexOutOfBoundsException("batch " + index + " of " + numBatches());
        }
        long start = (long) index * batchSize;
        long end = Math.min(n, start + batchSize);
        int[] perm = order;
        if (shuffle && perm == null) {
            perm = permutation(Seeds.derive(seed, "shuffle", 0));
            order = perm;
        }
        if (perm == null) {
            return sliced(index, start, end);
        }
        INDArray[] bx = new INDArray[xs.length];
        INDArray[] by = ys == null ? null : new INDArray[ys.length];
        int from = (int) start;
        int to = (int) end;
        for (int i = 0; i < bx.length; i++) {
            bx[i] = gather(xs[i], perm, from, to, spareX[i]);
        }
        for (int i = 0; by != null && i < by.length; i++) {
            by[i] = gather(ys[i], perm, from, to, spareY[i]);
        }
        return new Batch(bx, by, gather(sampleWeights, perm, from, to, spareWeights));
    }

    /**
     * Takes a shuffled batch's arrays back for later batches to be gathered into. Freeing them
     * is not an option: ND4J M2.1's {@code INDArray.close()} leaks the buffer (a loop creating and
     * closing arrays grew the resident set by almost a whole array an iteration), and left to the
     * garbage collector, per-batch arrays kept resident memory growing from epoch to epoch on MNIST
     * (figures in docs/PERFORMANCE.md, Memory). Slices of an unshuffled source are views of the
     * caller's data, kept for the next epoch, and are left alone.
     */
    @Override
    public void release(Batch batch) {
        if (!shuffle) {
            return;
        }
        for (int i = 0; i < spareX.length && i < batch.inputs().length; i++) {
            keep(spareX[i], batch.inputs()[i], xs[i]);
        }
        for (int i = 0; batch.targets() != null && i < spareY.length && i < batch.targets().length; i++) {
            keep(spareY[i], batch.targets()[i], ys[i]);
        }
        keep(spareWeights, batch.sampleWeights(), sampleWeights);
    }

    private static void keep(Queue<INDArray> spares, INDArray a, INDArray source) {
        // A slice made before shuffle(true) is a view of the caller's array (and of a kept batch):
        // gathering a later batch into it would overwrite the data.
        if (a != null && spares.size() < MAX_SPARES && (source == null || !ArrayArena.shareBuffer(a, source))) {
            spares.offer(a);
        }
    }

    /** Batch {@code index} of the unshuffled order, kept from its first use when there is room. */
    private Batch sliced(int index, long start, long end) {
        Batch kept = index < slices.length() ? slices.get(index) : null;
        if (kept != null) {
            return kept;
        }
        INDArray[] bx = new INDArray[xs.length];
        for (int i = 0; i < bx.length; i++) {
            bx[i] = slice(xs[i], start, end);
        }
        INDArray[] by = ys == null ? null : new INDArray[ys.length];
        for (int i = 0; by != null && i < by.length; i++) {
            by[i] = slice(ys[i], start, end);
        }
        Batch batch = new Batch(bx, by, slice(sampleWeights, start, end));
        if (index < slices.length()) {
            // Two threads may both make it; either copy is the same view.
            slices.compareAndSet(index, null, batch);
        }
        return batch;
    }

    private int[] permutation(long drawSeed) {
        int[] p = new int[Math.toIntExact(n)];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(drawSeed);
        for (int i = p.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static INDArray slice(INDArray a, long start, long end) {
        if (a == null) {
            return null;
        }
        INDArrayIndex[] index = new INDArrayIndex[a.rank()];
        index[0] = NDArrayIndex.interval(start, end);
        for (int d = 1; d < index.length; d++) {
            index[d] = NDArrayIndex.all();
        }
        return a.get(index);
    }

    private static INDArray gather(INDArray a, int[] order, int start, int end, Queue<INDArray> spares) {
        if (a == null) {
            return null;
        }
        // shape() is the array's own shape, not a copy.
        long[] shape = a.shape().clone();
        shape[0] = end - start;
        INDArray out = spares.poll();
        if (out == null || out.dataType() != a.dataType() || !Arrays.equals(out.shape(), shape)) {
            // A spare of another shape (the short last batch) is left to the garbage collector.
            out = Nd4j.createUninitialized(a.dataType(), shape);
        }
        if (HostRows.canGather(a)) {
            HostRows.gather(a, order, start, end, out);
        } else {
            INDArray indices = Nd4j.createFromArray(Arrays.copyOfRange(order, start, end));
            GATHER.exec(a, indices, out, new long[] {0}, new double[0]);
        }
        return out;
    }
}
