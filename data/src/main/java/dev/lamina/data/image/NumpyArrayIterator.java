package dev.lamina.data.image;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.NativeMemory;
import dev.lamina.backend.NativeOp;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of augmented images from in-memory arrays, made by {@link ImageDataGenerator#flow}
 * (Keras' {@code NumpyArrayIterator}). Each batch holds float32 images {@code (n, height, width,
 * channels)}, transformed and rescaled by the generator, and the matching rows of {@code y} (and of
 * the sample weights, when set), unchanged.
 *
 * <p>Float32 and uint8 images are read in place, image by image, and converted as they are used
 * (uint8 CIFAR-10 takes a quarter of the memory of float32); other types are converted to float32
 * once, as Keras does.
 */
public final class NumpyArrayIterator extends AbstractImageIterator<NumpyArrayIterator> {

    private static final Logger LOG = LoggerFactory.getLogger(NumpyArrayIterator.class);
    private static final NativeOp GATHER = new NativeOp("gather");
    /** gather's axis argument: whole rows. */
    private static final long[] ALONG_ROWS = {0};

    private final INDArray x;
    private final ImageArrays.Source source;
    private final INDArray y;
    private final ImageDataGenerator generator;
    /** Released batches by sample count, refilled by later batches of that size. */
    private final ThreadLocal<Staging> staging = ThreadLocal.withInitial(Staging::new);
    private final int height;
    private final int width;
    private final int channels;
    private INDArray sampleWeights;
    private String subset;
    private int first;
    private int count;

    NumpyArrayIterator(INDArray x, INDArray y, ImageDataGenerator generator, int batchSize) {
        super(batchSize);
        if (x == null || x.rank() != 4) {
            throw new IllegalArgumentException("Input data in `NumpyArrayIterator` should have rank 4. You passed an"
                    + " array with shape " + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        if (y != null && (y.rank() == 0 || y.size(0) != x.size(0))) {
            throw new IllegalArgumentException("`x` (images tensor) and `y` (labels) should have the same length."
                    + " Found: x.shape = " + Arrays.toString(x.shape()) + ", y.shape = " + Arrays.toString(y.shape()));
        }
        this.x = x;
        this.source = new ImageArrays.Source(x);
        this.y = y;
        this.generator = generator;
        this.height = Math.toIntExact(x.size(1));
        this.width = Math.toIntExact(x.size(2));
        this.channels = Math.toIntExact(x.size(3));
        this.count = Math.toIntExact(x.size(0));
        if (channels != 1 && channels != 3 && channels != 4) {
            LOG.warn("NumpyArrayIterator is set to use the data format convention \"channels_last\" (channels on axis"
                    + " 3), i.e. expected either 1, 3, or 4 channels on axis 3. However, it was passed an array with"
                    + " shape {} ({} channels).", Arrays.toString(x.shape()), channels);
        }
    }

    /**
     * Serve only one part of the arrays: {@code "validation"} is the first
     * {@code validationSplit} fraction of the samples, {@code "training"} the rest (Keras' split:
     * {@code int(n * validation_split)} samples for validation). Fails, as Keras does, when the two
     * parts hold different sets of label values (sorted data not shuffled first).
     *
     * @param name {@code "training"} or {@code "validation"}
     * @return this iterator
     */
    public NumpyArrayIterator subset(String name) {
        return subset(name, false);
    }

    /**
     * Like {@link #subset(String)}, optionally without the check that both parts hold the same
     * label values (Keras' {@code ignore_class_split}).
     *
     * @param name {@code "training"} or {@code "validation"}
     * @param ignoreClassSplit skip the label check
     * @return this iterator
     */
    public NumpyArrayIterator subset(String name, boolean ignoreClassSplit) {
        if (!"training".equals(name) && !"validation".equals(name)) {
            throw new IllegalArgumentException("Invalid subset name: " + name + "; expected \"training\" or"
                    + " \"validation\". Received: subset=" + name);
        }
        double split = generator.validationSplit();
        if (split == 0) {
            throw new IllegalArgumentException("subset=\"" + name + "\" needs a validation split: set"
                    + " ImageDataGenerator.validationSplit(fraction) before flow(). Received: validation_split=0");
        }
        int n = Math.toIntExact(x.size(0));
        int splitIdx = (int) (n * split);
        if (y != null && !ignoreClassSplit && !labelValues(0, splitIdx).equals(labelValues(splitIdx, n))) {
            throw new IllegalArgumentException("Training and validation subsets have different number of classes"
                    + " after the split. If your arrays are sorted by the label, you might want to shuffle them"
                    + " (or pass ignoreClassSplit=true).");
        }
        this.subset = name;
        this.first = "validation".equals(name) ? 0 : splitIdx;
        this.count = "validation".equals(name) ? splitIdx : n - splitIdx;
        resetOrder();
        return this;
    }

    /**
     * Per-sample weights to pass through with each batch (Keras' {@code sample_weight}).
     *
     * @param weights one weight per sample of {@code x}, or {@code null} for none
     * @return this iterator
     */
    public NumpyArrayIterator sampleWeights(INDArray weights) {
        if (weights != null && (weights.rank() == 0 || weights.size(0) != x.size(0))) {
            throw new IllegalArgumentException("`x` (images tensor) and `sample_weight` should have the same length."
                    + " Found: x.shape = " + Arrays.toString(x.shape()) + ", sample_weight.shape = "
                    + Arrays.toString(weights.shape()));
        }
        this.sampleWeights = weights;
        return this;
    }

    /**
     * The subset served, or {@code null} for all samples.
     *
     * @return {@code "training"}, {@code "validation"} or {@code null}
     */
    public String subset() {
        return subset;
    }

    @Override
    int sampleCount() {
        return count;
    }

    @Override
    Batch load(int[] samples, int epoch) {
        int n = samples.length;
        Staging st = staging.get();
        int[] rows = st.rows(n);
        for (int i = 0; i < n; i++) {
            rows[i] = first + samples[i];
        }
        int imageSize = height * width * channels;
        float[] out = st.pixels(n * imageSize);
        boolean identity = generator.isIdentity();
        float[] scratch = identity ? null : st.scratch(imageSize);
        for (int i = 0; i < n; i++) {
            if (identity) {
                source.read(rows[i], out, i * imageSize);
            } else {
                source.read(rows[i], scratch, 0);
                generator.augmentInto(scratch, 0, out, i * imageSize, height, width, channels,
                        augmentSeed(epoch, samples[i]));
            }
            generator.standardizeInPlace(out, i * imageSize, height, width, channels);
        }
        Batch spare = takeSpare(n);
        INDArray indices = y == null && sampleWeights == null ? null : st.indices(rows);
        if (spare != null) {
            // Refilled in place, the released batch itself is this one: no new Batch either.
            ImageArrays.fill(out, n * imageSize, spare.x());
            gather(y, indices, spare.y());
            gather(sampleWeights, indices, spare.sampleWeights());
            return spare;
        }
        INDArray batchX = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, height, width, channels}, 'c');
        ImageArrays.fill(out, n * imageSize, batchX);
        return new Batch(batchX, gather(y, indices, null), gather(sampleWeights, indices, null));
    }

    /** A released batch of {@code n} samples whose arrays fit this iterator's batches, if any. */
    private Batch takeSpare(int n) {
        Batch b = pollSpare(n);
        if (b == null) {
            return null;
        }
        if (!fits(b.x(), DataType.FLOAT, n, x) || (y != null) != (b.y() != null)
                || (y != null && !fits(b.y(), y.dataType(), n, y))
                || (sampleWeights != null) != (b.sampleWeights() != null)
                || (sampleWeights != null && !fits(b.sampleWeights(), sampleWeights.dataType(), n, sampleWeights))) {
            // Not one of this iterator's batches, or made before sample weights were set.
            return null;
        }
        return b;
    }

    /** Whether {@code a} is a plain C-order array of {@code n} rows shaped like {@code like}'s rows. */
    private static boolean fits(INDArray a, DataType type, int n, INDArray like) {
        // ArrayArena.isRowMajor rather than Shape.hasDefaultStridesForShape, which makes a stride
        // array per call.
        if (a == null || a.wasClosed() || a.dataType() != type || a.rank() != like.rank() || a.size(0) != n
                || a.ordering() != 'c' || a.offset() != 0 || !ArrayArena.isRowMajor(a)) {
            return false;
        }
        for (int d = 1; d < a.rank(); d++) {
            if (a.size(d) != like.size(d)) {
                return false;
            }
        }
        return true;
    }

    private Set<Double> labelValues(int from, int to) {
        Set<Double> values = new TreeSet<>();
        if (to > from) {
            INDArray part = y.get(NDArrayIndex.interval(from, to)).castTo(DataType.DOUBLE).dup('c');
            for (double v : part.data().asDouble()) {
                values.add(v);
            }
        }
        return values;
    }

    private static INDArray gather(INDArray a, INDArray indices, INDArray into) {
        if (a == null) {
            return null;
        }
        INDArray out = into;
        if (out == null) {
            long[] shape = a.shape().clone();
            shape[0] = indices.length();
            out = Nd4j.createUninitialized(a.dataType(), shape);
        }
        GATHER.exec(a, indices, out, ALONG_ROWS, NativeOp.NO_TARGS);
        return out;
    }

    /**
     * One thread's working arrays for making batches, kept from batch to batch: a batch's pixels
     * as floats and its row indices, fresh for every batch, were most of the Java garbage of a
     * training step.
     */
    private static final class Staging {
        private float[] pixels = new float[0];
        private float[] scratch = new float[0];
        private int[] rows = new int[0];
        /**
         * Row indices as native int32 vectors and their memory as buffers, one per batch size: a
         * full batch and the short last one. The buffers are kept because each look at an array's
         * memory through NIO makes new buffer objects.
         */
        private final INDArray[] indices = new INDArray[2];
        private final IntBuffer[] indexBuffers = new IntBuffer[2];

        float[] pixels(int length) {
            if (pixels.length < length) {
                pixels = new float[length];
            }
            return pixels;
        }

        float[] scratch(int length) {
            if (scratch.length < length) {
                scratch = new float[length];
            }
            return scratch;
        }

        int[] rows(int n) {
            if (rows.length != n) {
                rows = new int[n];
            }
            return rows;
        }

        /** These rows as a native int32 vector, one kept per length. */
        INDArray indices(int[] values) {
            int n = values.length;
            int slot = 0;
            while (slot < indices.length && indices[slot] != null && indices[slot].length() != n) {
                slot++;
            }
            if (slot == indices.length) {
                // A third length (the sample count changed with subset()): one vector makes room.
                slot = indices.length - 1;
                NativeMemory.free(indices[slot]);
                indices[slot] = null;
            }
            if (indices[slot] == null) {
                indices[slot] = Nd4j.createUninitialized(DataType.INT32, n);
                indexBuffers[slot] = indices[slot].data().asNio().order(ByteOrder.nativeOrder()).asIntBuffer();
            }
            indexBuffers[slot].put(0, values, 0, n);
            return indices[slot];
        }
    }
}
