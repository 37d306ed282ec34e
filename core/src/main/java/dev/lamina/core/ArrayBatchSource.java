package dev.lamina.core;

import dev.lamina.core.ops.NativeOp;
import java.util.Arrays;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
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

    private final Queue<INDArray> spareX = new ConcurrentLinkedQueue<>();
    private final Queue<INDArray> spareY = new ConcurrentLinkedQueue<>();
    private final Queue<INDArray> spareWeights = new ConcurrentLinkedQueue<>();
    private final INDArray x;
    private final INDArray y;
    private final INDArray sampleWeights;
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
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size must be positive. Received: batch_size=" + batchSize);
        }
        if (x.rank() == 0) {
            throw new IllegalArgumentException("x must have a sample axis, got a scalar");
        }
        this.x = x;
        this.n = x.size(0);
        checkCount("y", y);
        checkCount("sample_weight", sampleWeights);
        this.y = y;
        this.sampleWeights = sampleWeights;
        this.batchSize = batchSize;
    }

    private void checkCount(String what, INDArray a) {
        if (a != null && (a.rank() == 0 || a.size(0) != n)) {
            throw new IllegalArgumentException("x and " + what + " must have the same number of samples: x has " + n
                    + " (shape " + Arrays.toString(x.shape()) + "), " + what + " has "
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
            return new Batch(slice(x, start, end), slice(y, start, end), slice(sampleWeights, start, end));
        }
        int from = (int) start;
        int to = (int) end;
        return new Batch(gather(x, perm, from, to, spareX), gather(y, perm, from, to, spareY),
                gather(sampleWeights, perm, from, to, spareWeights));
    }

    /**
     * Takes a shuffled batch's arrays back for later batches to be gathered into. Freeing them
     * is not an option: ND4J M2.1's {@code INDArray.close()} leaks the buffer (a create/close
     * loop of 200 KB arrays grew the resident set by 189 KB an iteration), and left to the garbage
     * collector, per-batch arrays kept resident memory growing by ~100 MB an epoch on MNIST.
     * Slices of an unshuffled source are views of the caller's data and are left alone.
     */
    @Override
    public void release(Batch batch) {
        if (!shuffle) {
            return;
        }
        keep(spareX, batch.x());
        keep(spareY, batch.y());
        keep(spareWeights, batch.sampleWeights());
    }

    private static void keep(Queue<INDArray> spares, INDArray a) {
        if (a != null && spares.size() < MAX_SPARES) {
            spares.offer(a);
        }
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
