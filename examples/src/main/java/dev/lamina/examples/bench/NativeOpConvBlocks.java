package dev.lamina.examples.bench;

import dev.lamina.core.ops.NativeOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Intermediate variants for attributing the tape's overhead (used by {@code --breakdown}): the
 * twelve calls of {@link DirectConvBlocks} into its preallocated arrays, but issued the way
 * Lamina's ops issue them, through one shared {@link NativeOp} per op name with fresh argument
 * arrays each call, so that inputs, outputs and arguments are marshalled again every call (and
 * {@code setIArguments}/{@code setTArguments} allocate a JavaCPP pointer each time). With
 * {@code gradBookkeeping}, each step also does what {@link dev.lamina.core.Tensor} does for the
 * four parameter gradients: {@code assign(0)} in {@code zeroGrad()} and {@code addi} when the
 * backward pass reaches the leaf. What remains between this and the "lamina" variant is the tape
 * itself: tensor and node objects, shape checks, arena look-ups and the topological walk.
 */
final class NativeOpConvBlocks {

    private static final NativeOp CONV2D = new NativeOp("conv2d");
    private static final NativeOp CONV2D_BP = new NativeOp("conv2d_bp");
    private static final NativeOp RELU = new NativeOp("relu");
    private static final NativeOp RELU_BP = new NativeOp("relu_bp");
    private static final NativeOp MAXPOOL = new NativeOp("maxpool2d");
    private static final NativeOp MAXPOOL_BP = new NativeOp("maxpool2d_bp");
    private static final long[] NO_IARGS = {};
    private static final double[] NO_TARGS = {};

    private final ConvBlockData d;
    private final DirectConvBlocks a;
    private final boolean gradBookkeeping;
    private final INDArray gk1;
    private final INDArray gb1;
    private final INDArray gk2;
    private final INDArray gb2;

    /**
     * Shares the arrays of a direct variant (the two must not run concurrently).
     *
     * @param d the inputs
     * @param arrays the direct variant whose preallocated arrays are reused
     * @param gradBookkeeping whether to zero and accumulate separate parameter-gradient arrays
     */
    NativeOpConvBlocks(ConvBlockData d, DirectConvBlocks arrays, boolean gradBookkeeping) {
        this.d = d;
        this.a = arrays;
        this.gradBookkeeping = gradBookkeeping;
        gk1 = Nd4j.create(DataType.FLOAT, d.kernel1.shape());
        gb1 = Nd4j.create(DataType.FLOAT, d.bias1.shape());
        gk2 = Nd4j.create(DataType.FLOAT, d.kernel2.shape());
        gb2 = Nd4j.create(DataType.FLOAT, d.bias2.shape());
    }

    /** One forward + backward step. */
    void step() {
        if (gradBookkeeping) {
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
        if (gradBookkeeping) {
            gb2.addi(a.db2);
            gk2.addi(a.dk2);
        }
        MAXPOOL_BP.exec(in(a.a1, a.dp1), in(a.da1), pool(), NO_TARGS);
        RELU_BP.exec(in(a.y1, a.da1), in(a.dy1), NO_IARGS, relu());
        CONV2D_BP.exec(in(d.x, d.kernel1, d.bias1, a.dy1), in(a.dx, a.dk1, a.db1), conv(), NO_TARGS);
        if (gradBookkeeping) {
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

    private static double[] relu() {
        return new double[] {0.0};
    }

    private static INDArray[] in(INDArray... arrays) {
        return arrays;
    }
}
