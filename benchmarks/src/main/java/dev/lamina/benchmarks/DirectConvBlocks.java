package dev.lamina.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Variant "direct": the libnd4j calls that {@link LaminaConvBlocks} makes, in the same order, with
 * every output preallocated once and every call site bound once to its own op context. Nothing is
 * allocated or marshalled per step: this is the floor that the tape's overhead is measured against.
 *
 * <p>The first layer's backward pass comes in two forms, matching Lamina's {@code Conv2dOp}:
 *
 * <ul>
 *   <li>{@link Conv1Backward#IM2COL} (the input needs no gradient, as in training): the kernel
 *       gradient is {@code im2col(x)} times the output gradient in one batched {@code matmul},
 *       summed over the batch by a ones-row {@code matmul}, and the bias gradient is a ones-row
 *       {@code matmul} too; no input gradient is computed;
 *   <li>{@link Conv1Backward#CONV2D_BP} (the input needs a gradient): libnd4j's {@code conv2d_bp},
 *       which also computes the input gradient.
 * </ul>
 */
final class DirectConvBlocks implements AutoCloseable {

    /** How the first conv layer's gradients are computed. */
    enum Conv1Backward {
        /** im2col + batched matmul + ones-row matmuls (Lamina's path when x needs no gradient). */
        IM2COL,
        /** libnd4j's conv2d_bp, input gradient included. */
        CONV2D_BP
    }

    private static final long[] NO_IARGS = {};
    private static final double[] NO_TARGS = {};
    private static final double[] RELU_TARGS = {0.0};
    private static final long[] MATMUL_IARGS = {0, 0, 0};
    private static final double[] MATMUL_TARGS = {1.0, 0.0};

    final Conv1Backward conv1Backward;
    final INDArray y1;
    final INDArray a1;
    final INDArray p1;
    final INDArray y2;
    final INDArray a2;
    final INDArray p2;
    final INDArray da2;
    final INDArray dy2;
    final INDArray dp1;
    final INDArray dk2;
    final INDArray db2;
    final INDArray da1;
    final INDArray dy1;
    /** The input gradient: only computed by {@link Conv1Backward#CONV2D_BP}, else {@code null}. */
    final INDArray dx;
    final INDArray dk1;
    final INDArray db1;
    // IM2COL only (else null): patches, per-sample kernel gradients, ones rows, flat gradients.
    final INDArray col;
    final INDArray perSample;
    final INDArray onesBatch;
    final INDArray onesPixels;
    final INDArray dk1Row;
    final INDArray db1Row;

    private final List<String> names = new ArrayList<>();
    private final List<DirectCall> calls = new ArrayList<>();

    DirectConvBlocks(ConvBlockData d, Conv1Backward conv1Backward) {
        this.conv1Backward = conv1Backward;
        int n = d.batch;
        int f1 = ConvBlockData.FILTERS1;
        int f2 = ConvBlockData.FILTERS2;
        y1 = create(n, 26, 26, f1);
        a1 = create(n, 26, 26, f1);
        p1 = create(n, 13, 13, f1);
        y2 = create(n, 11, 11, f2);
        a2 = create(n, 11, 11, f2);
        p2 = create(n, 5, 5, f2);
        da2 = create(n, 11, 11, f2);
        dy2 = create(n, 11, 11, f2);
        dp1 = create(n, 13, 13, f1);
        dk2 = create(3, 3, f1, f2);
        db2 = create(f2);
        da1 = create(n, 26, 26, f1);
        dy1 = create(n, 26, 26, f1);
        // conv2d: kH, kW, sH, sW, pH, pW, dH, dW, paddingMode (0 valid), dataFormat (1 NHWC), wFormat (0 [kH,kW,iC,oC])
        long[] conv = {3, 3, 1, 1, 0, 0, 1, 1, 0, 1, 0};
        // maxpool2d: kH, kW, sH, sW, pH, pW, dH, dW, paddingMode, extraParam0 (unused), dataFormat (1 NHWC)
        long[] pool = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};
        add("conv2d#1", "conv2d", arrays(d.x, d.kernel1, d.bias1), arrays(y1), conv, NO_TARGS);
        add("relu#1", "relu", arrays(y1), arrays(a1), NO_IARGS, RELU_TARGS);
        add("maxpool2d#1", "maxpool2d", arrays(a1), arrays(p1), pool, NO_TARGS);
        add("conv2d#2", "conv2d", arrays(p1, d.kernel2, d.bias2), arrays(y2), conv, NO_TARGS);
        add("relu#2", "relu", arrays(y2), arrays(a2), NO_IARGS, RELU_TARGS);
        add("maxpool2d#2", "maxpool2d", arrays(a2), arrays(p2), pool, NO_TARGS);
        add("maxpool2d_bp#2", "maxpool2d_bp", arrays(a2, d.dy), arrays(da2), pool, NO_TARGS);
        add("relu_bp#2", "relu_bp", arrays(y2, da2), arrays(dy2), NO_IARGS, RELU_TARGS);
        add("conv2d_bp#2", "conv2d_bp", arrays(p1, d.kernel2, d.bias2, dy2), arrays(dp1, dk2, db2), conv, NO_TARGS);
        add("maxpool2d_bp#1", "maxpool2d_bp", arrays(a1, dp1), arrays(da1), pool, NO_TARGS);
        add("relu_bp#1", "relu_bp", arrays(y1, da1), arrays(dy1), NO_IARGS, RELU_TARGS);
        if (conv1Backward == Conv1Backward.CONV2D_BP) {
            dx = create(n, 28, 28, 1);
            dk1 = create(3, 3, 1, f1);
            db1 = create(f1);
            col = null;
            perSample = null;
            onesBatch = null;
            onesPixels = null;
            dk1Row = null;
            db1Row = null;
            add("conv2d_bp#1", "conv2d_bp", arrays(d.x, d.kernel1, d.bias1, dy1), arrays(dx, dk1, db1), conv, NO_TARGS);
        } else {
            dx = null;
            long pixels = 26L * 26;
            col = create(n, 1, 3, 3, 26, 26);
            perSample = create(n, 9, f1);
            onesBatch = create(1, n).assign(1);
            onesPixels = create(1, n * pixels).assign(1);
            dk1Row = create(1, 9L * f1);
            db1Row = create(1, f1);
            // A one-channel NHWC input is already NCHW: im2col reads it as [n, 1, 28, 28].
            add("im2col#1", "im2col", arrays(d.x.reshape('c', n, 1, 28, 28)), arrays(col),
                    new long[] {3, 3, 1, 1, 0, 0, 1, 1, 0}, new double[] {0.0});
            add("matmul#1 (per-sample dW)", "matmul", arrays(col.reshape('c', n, 9, pixels),
                    dy1.reshape('c', n, pixels, f1)), arrays(perSample), MATMUL_IARGS, MATMUL_TARGS);
            add("matmul#1 (sum dW)", "matmul", arrays(onesBatch, perSample.reshape('c', n, 9L * f1)), arrays(dk1Row),
                    MATMUL_IARGS, MATMUL_TARGS);
            add("matmul#1 (sum dB)", "matmul", arrays(onesPixels, dy1.reshape('c', n * pixels, f1)), arrays(db1Row),
                    MATMUL_IARGS, MATMUL_TARGS);
            dk1 = dk1Row.reshape('c', 3, 3, 1, f1);
            db1 = db1Row.reshape('c', new long[] {f1});
        }
    }

    private void add(String label, String op, INDArray[] in, INDArray[] out, long[] iargs, double[] targs) {
        names.add(label);
        calls.add(new DirectCall(op, in, out, iargs, targs));
    }

    /** One forward + backward step. */
    void step() {
        for (int i = 0, n = calls.size(); i < n; i++) {
            calls.get(i).exec();
        }
    }

    /**
     * The same step with each call timed, adding nanoseconds into {@code acc[i]} for call
     * {@code i} of {@link #callNames()}.
     *
     * @param acc one accumulator per call
     */
    void stepTimed(long[] acc) {
        long t = System.nanoTime();
        for (int i = 0, n = calls.size(); i < n; i++) {
            calls.get(i).exec();
            long now = System.nanoTime();
            acc[i] += now - t;
            t = now;
        }
    }

    /**
     * Labels of the calls in execution order; the first six are the forward pass.
     *
     * @return the labels
     */
    List<String> callNames() {
        return names;
    }

    @Override
    public void close() {
        for (DirectCall c : calls) {
            c.close();
        }
    }

    private static INDArray create(long... shape) {
        return Nd4j.create(DataType.FLOAT, shape);
    }

    private static INDArray[] arrays(INDArray... a) {
        return a;
    }
}
