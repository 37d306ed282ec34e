package dev.lamina.benchmarks;

import dev.lamina.backend.NativeOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Intermediate variants for attributing the tape's overhead (used by {@code --breakdown}): the
 * calls of a {@link DirectConvBlocks} into its preallocated arrays, but issued the way Lamina's ops
 * issue them, through one shared {@link NativeOp} per op name with fresh argument arrays each call,
 * so that inputs, outputs and arguments are marshalled again every call (and
 * {@code setIArguments}/{@code setTArguments} allocate a JavaCPP pointer each time). With
 * {@code smallOps}, each step also runs the small legacy ND4J ops that Lamina runs besides the
 * kernels: {@code assign(0)} on the four parameter gradients in {@code zeroGrad()}, {@code addi}
 * when the backward pass reaches each of them, and (first layer by im2col) the {@code assign(1)}
 * that refills each ones row. What remains between this and the "lamina" variant is the tape
 * itself: tensor and node objects, shape checks, views, arena look-ups and the topological walk.
 */
final class NativeOpConvBlocks {

    private static final NativeOp CONV2D = new NativeOp("conv2d");
    private static final NativeOp CONV2D_BP = new NativeOp("conv2d_bp");
    private static final NativeOp RELU = new NativeOp("relu");
    private static final NativeOp RELU_BP = new NativeOp("relu_bp");
    private static final NativeOp MAXPOOL = new NativeOp("maxpool2d");
    private static final NativeOp MAXPOOL_BP = new NativeOp("maxpool2d_bp");
    private static final NativeOp IM2COL = new NativeOp("im2col");
    private static final NativeOp MATMUL = new NativeOp("matmul");
    private static final long[] NO_IARGS = {};
    private static final double[] NO_TARGS = {};

    private final ConvBlockData d;
    private final DirectConvBlocks a;
    private final boolean smallOps;
    private final INDArray gk1;
    private final INDArray gb1;
    private final INDArray gk2;
    private final INDArray gb2;

    /**
     * Shares the arrays of a direct variant (the two must not run concurrently).
     *
     * @param d the inputs
     * @param arrays the direct variant whose preallocated arrays are reused, and whose first-layer
     *     backward form is followed
     * @param smallOps whether to run Lamina's small legacy ops too, on separate gradient arrays
     */
    NativeOpConvBlocks(ConvBlockData d, DirectConvBlocks arrays, boolean smallOps) {
        this.d = d;
        this.a = arrays;
        this.smallOps = smallOps;
        gk1 = Nd4j.create(DataType.FLOAT, d.kernel1.shape());
        gb1 = Nd4j.create(DataType.FLOAT, d.bias1.shape());
        gk2 = Nd4j.create(DataType.FLOAT, d.kernel2.shape());
        gb2 = Nd4j.create(DataType.FLOAT, d.bias2.shape());
    }

    /** One forward + backward step. */
    void step() {
        if (smallOps) {
            gk1.assign(0);
            gb1.assign(0);
            gk2.assign(0);
            gb2.assign(0);
        }
        CONV2D.exec(in(d.x, d.kernel1, d.bias1), in(a.y1), conv(), NO_TARGS);
        RELU.exec(in(a.y1), in(a.a1), NO_IARGS, relu());
        MAXPOOL.exec(in(a.a1), in(a.p1), pool(), NO_TARGS);
        CONV2D.exec(in(a.p1, d.kernel2, d.bias2), in(a.y2), conv(), NO_TARGS);
        RELU.exec(in(a.y2), in(a.a2), NO_IARGS, relu());
        MAXPOOL.exec(in(a.a2), in(a.p2), pool(), NO_TARGS);
        MAXPOOL_BP.exec(in(a.a2, d.dy), in(a.da2), pool(), NO_TARGS);
        RELU_BP.exec(in(a.y2, a.da2), in(a.dy2), NO_IARGS, relu());
        CONV2D_BP.exec(in(a.p1, d.kernel2, d.bias2, a.dy2), in(a.dp1, a.dk2, a.db2), conv(), NO_TARGS);
        if (smallOps) {
            gb2.addi(a.db2);
            gk2.addi(a.dk2);
        }
        MAXPOOL_BP.exec(in(a.a1, a.dp1), in(a.da1), pool(), NO_TARGS);
        RELU_BP.exec(in(a.y1, a.da1), in(a.dy1), NO_IARGS, relu());
        if (a.conv1Backward == DirectConvBlocks.Conv1Backward.CONV2D_BP) {
            CONV2D_BP.exec(in(d.x, d.kernel1, d.bias1, a.dy1), in(a.dx, a.dk1, a.db1), conv(), NO_TARGS);
        } else {
            long n = d.batch;
            long pixels = 26L * 26;
            long f1 = ConvBlockData.FILTERS1;
            IM2COL.exec(in(d.x.reshape('c', n, 1, 28, 28)), in(a.col), new long[] {3, 3, 1, 1, 0, 0, 1, 1, 0},
                    new double[] {0.0});
            MATMUL.exec(in(a.col.reshape('c', n, 9, pixels), a.dy1.reshape('c', n, pixels, f1)), in(a.perSample),
                    matmul(), alphaBeta());
            if (smallOps) {
                a.onesBatch.assign(1);
            }
            MATMUL.exec(in(a.onesBatch, a.perSample.reshape('c', n, 9 * f1)), in(a.dk1Row), matmul(), alphaBeta());
            if (smallOps) {
                a.onesPixels.assign(1);
            }
            MATMUL.exec(in(a.onesPixels, a.dy1.reshape('c', n * pixels, f1)), in(a.db1Row), matmul(), alphaBeta());
        }
        if (smallOps) {
            gb1.addi(a.db1);
            gk1.addi(a.dk1);
        }
    }

    // Fresh argument arrays each call, as Lamina's ops build them.
    private static long[] conv() {
        return new long[] {3, 3, 1, 1, 0, 0, 1, 1, 0, 1, 0};
    }

    private static long[] pool() {
        return new long[] {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 1};
    }

    private static long[] matmul() {
        return new long[] {0, 0, 0};
    }

    private static double[] alphaBeta() {
        return new double[] {1.0, 0.0};
    }

    private static double[] relu() {
        return new double[] {0.0};
    }

    private static INDArray[] in(INDArray... arrays) {
        return arrays;
    }
}
