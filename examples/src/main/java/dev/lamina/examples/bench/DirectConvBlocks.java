package dev.lamina.examples.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Variant "direct": the same twelve libnd4j calls as {@link LaminaConvBlocks}, in the same order,
 * with every output preallocated once and every call site bound once to its own op context.
 * Nothing is allocated or marshalled per step: this is the floor that the tape's overhead is
 * measured against.
 */
final class DirectConvBlocks implements AutoCloseable {

    /** The call sites, forward then backward, in execution order. */
    static final String[] CALL_NAMES = {
        "conv2d#1", "relu#1", "maxpool2d#1", "conv2d#2", "relu#2", "maxpool2d#2",
        "maxpool2d_bp#2", "relu_bp#2", "conv2d_bp#2", "maxpool2d_bp#1", "relu_bp#1", "conv2d_bp#1"};

    private static final long[] NO_IARGS = {};
    private static final double[] NO_TARGS = {};
    private static final double[] RELU_TARGS = {0.0};

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
    final INDArray dx;
    final INDArray dk1;
    final INDArray db1;

    private final DirectCall[] calls;

    DirectConvBlocks(ConvBlockData d) {
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
        dx = create(n, 28, 28, 1);
        dk1 = create(3, 3, 1, f1);
        db1 = create(f1);
        // conv2d: kH, kW, sH, sW, pH, pW, dH, dW, paddingMode (0 valid), dataFormat (1 NHWC), wFormat (0 [kH,kW,iC,oC])
        long[] conv = {3, 3, 1, 1, 0, 0, 1, 1, 0, 1, 0};
        // maxpool2d: kH, kW, sH, sW, pH, pW, dH, dW, paddingMode, extraParam0 (unused), dataFormat (1 NHWC)
        long[] pool = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};
        calls = new DirectCall[] {
            new DirectCall("conv2d", arrays(d.x, d.kernel1, d.bias1), arrays(y1), conv, NO_TARGS),
            new DirectCall("relu", arrays(y1), arrays(a1), NO_IARGS, RELU_TARGS),
            new DirectCall("maxpool2d", arrays(a1), arrays(p1), pool, NO_TARGS),
            new DirectCall("conv2d", arrays(p1, d.kernel2, d.bias2), arrays(y2), conv, NO_TARGS),
            new DirectCall("relu", arrays(y2), arrays(a2), NO_IARGS, RELU_TARGS),
            new DirectCall("maxpool2d", arrays(a2), arrays(p2), pool, NO_TARGS),
            new DirectCall("maxpool2d_bp", arrays(a2, d.dy), arrays(da2), pool, NO_TARGS),
            new DirectCall("relu_bp", arrays(y2, da2), arrays(dy2), NO_IARGS, RELU_TARGS),
            new DirectCall("conv2d_bp", arrays(p1, d.kernel2, d.bias2, dy2), arrays(dp1, dk2, db2), conv, NO_TARGS),
            new DirectCall("maxpool2d_bp", arrays(a1, dp1), arrays(da1), pool, NO_TARGS),
            new DirectCall("relu_bp", arrays(y1, da1), arrays(dy1), NO_IARGS, RELU_TARGS),
            new DirectCall("conv2d_bp", arrays(d.x, d.kernel1, d.bias1, dy1), arrays(dx, dk1, db1), conv, NO_TARGS),
        };
    }

    /** One forward + backward step. */
    void step() {
        for (DirectCall c : calls) {
            c.exec();
        }
    }

    /**
     * The same step with each call timed, adding nanoseconds into {@code acc[i]} for call
     * {@code i} of {@link #CALL_NAMES}.
     *
     * @param acc at least 12 accumulators
     */
    void stepTimed(long[] acc) {
        long t = System.nanoTime();
        for (int i = 0; i < calls.length; i++) {
            calls[i].exec();
            long now = System.nanoTime();
            acc[i] += now - t;
            t = now;
        }
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
