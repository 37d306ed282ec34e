package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The base of Keras' element-wise merge layers ({@link Add}, {@link Subtract}, {@link Multiply},
 * {@link Average}, {@link Maximum}, {@link Minimum}): a layer applied to a list of tensors, whose
 * output has their broadcast shape under Keras' rules. Per sample, two shapes are compared from the
 * last axis: equal sizes, or a size of 1, combine; the shorter shape's missing leading axes are
 * inserted after the batch axis when called.
 *
 * @param <T> the concrete layer class
 */
public abstract class Merge<T extends Merge<T>> extends FluentLayer<T> {

    /** A merge layer named after its class. */
    protected Merge() {
    }

    @Override
    public boolean acceptsSeveralInputs() {
        return true;
    }

    /** @return the least number of inputs (Keras: 1; {@link Subtract}: exactly 2) */
    protected int minInputs() {
        return 1;
    }

    /** @return the most number of inputs */
    protected int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public final long[] computeOutputShape(long[] inputShape) {
        return computeOutputShape(List.of(inputShape));
    }

    @Override
    public long[] computeOutputShape(List<long[]> shapes) {
        requireCount(shapes.size());
        long batch = -1;
        for (long[] s : shapes) {
            if (s.length == 0) {
                throw new IllegalArgumentException("Layer \"" + name() + "\" (" + className() + ") needs inputs with a "
                        + "batch axis. Received: input_shape=" + formatAll(shapes));
            }
            if (s[0] >= 0) {
                if (batch >= 0 && s[0] != batch) {
                    throw new IllegalArgumentException("Layer \"" + name() + "\" cannot merge tensors with different "
                            + "batch sizes. Received tensors with shapes " + formatAll(shapes));
                }
                batch = s[0];
            }
        }
        long[] out = Arrays.copyOfRange(shapes.get(0), 1, shapes.get(0).length);
        for (int i = 1; i < shapes.size(); i++) {
            out = broadcast(out, Arrays.copyOfRange(shapes.get(i), 1, shapes.get(i).length), shapes);
        }
        long[] withBatch = new long[out.length + 1];
        withBatch[0] = batch;
        System.arraycopy(out, 0, withBatch, 1, out.length);
        return withBatch;
    }

    /** Keras' {@code _compute_elemwise_op_output_shape}, on per-sample shapes. */
    private long[] broadcast(long[] a, long[] b, List<long[]> all) {
        if (a.length < b.length) {
            return broadcast(b, a, all);
        }
        long[] out = a.clone();
        int offset = a.length - b.length;
        for (int k = 0; k < b.length; k++) {
            long i = a[offset + k];
            long j = b[k];
            if (i < 0 || j < 0) {
                out[offset + k] = -1;
            } else if (i == 1) {
                out[offset + k] = j;
            } else if (j != 1 && i != j) {
                throw new IllegalArgumentException("Layer \"" + name() + "\" (" + className() + ") received inputs with "
                        + "incompatible shapes: " + formatAll(all) + " (per sample " + Shapes.format(a) + " and "
                        + Shapes.format(b) + ": each axis must match or be 1)");
            }
        }
        return out;
    }

    private void requireCount(int n) {
        if (n < minInputs() || n > maxInputs()) {
            String expected = minInputs() == maxInputs() ? "exactly " + minInputs()
                    : "at least " + minInputs();
            throw new IllegalArgumentException("A `" + className() + "` layer should be called on " + expected
                    + " input" + (minInputs() == 1 && maxInputs() != 1 ? "" : "s") + ". Received " + n
                    + " (layer \"" + name() + "\")");
        }
    }

    static String formatAll(List<long[]> shapes) {
        List<String> parts = new ArrayList<>();
        shapes.forEach(s -> parts.add(Shapes.format(s)));
        return parts.toString();
    }

    @Override
    protected final Tensor call(Tensor input, boolean training) {
        return call(List.of(input), training);
    }

    @Override
    protected final Tensor call(List<Tensor> inputs, boolean training) {
        int rank = 0;
        boolean sameRank = true;
        for (int i = 0; i < inputs.size(); i++) {
            int r = inputs.get(i).rank();
            sameRank &= i == 0 || r == rank;
            rank = Math.max(rank, r);
        }
        if (sameRank) {
            return merge(inputs);
        }
        List<Tensor> aligned = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            aligned.add(t.rank() == rank ? t : expandAfterBatch(t, rank));
        }
        return merge(aligned);
    }

    /** Inserts size-1 axes after the batch axis, as Keras does before broadcasting shorter inputs. */
    private static Tensor expandAfterBatch(Tensor t, int rank) {
        long[] s = t.shape();
        long[] target = new long[rank];
        Arrays.fill(target, 1);
        target[0] = s[0];
        System.arraycopy(s, 1, target, rank - s.length + 1, s.length - 1);
        return Ops.reshape(t, target);
    }

    /**
     * The merge itself, on inputs of one rank whose shapes broadcast together.
     *
     * @param inputs the inputs, at least {@link #minInputs()}
     * @return the merged tensor
     */
    protected abstract Tensor merge(List<Tensor> inputs);

    /** Folds the inputs pairwise, left to right. */
    static Tensor fold(List<Tensor> inputs, java.util.function.BinaryOperator<Tensor> op) {
        Tensor out = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            out = op.apply(out, inputs.get(i));
        }
        return out;
    }
}
