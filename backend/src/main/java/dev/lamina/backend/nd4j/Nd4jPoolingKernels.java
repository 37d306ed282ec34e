package dev.lamina.backend.nd4j;

import dev.lamina.backend.NativeOp;
import dev.lamina.backend.PoolingKernels;
import dev.lamina.backend.Window2d;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pooling through libnd4j's 11-argument pooling ops, channels-last, for every data type and
 * backend. Max pooling's backward recomputes where each maximum was; it keeps no state.
 */
public final class Nd4jPoolingKernels implements PoolingKernels {

    /** The one instance. */
    public static final Nd4jPoolingKernels INSTANCE = new Nd4jPoolingKernels();

    private static final NativeOp MAXPOOL = new NativeOp("maxpool2d");
    private static final NativeOp MAXPOOL_BP = new NativeOp("maxpool2d_bp");
    private static final NativeOp AVGPOOL = new NativeOp("avgpool2d");
    private static final NativeOp AVGPOOL_BP = new NativeOp("avgpool2d_bp");

    private Nd4jPoolingKernels() {
    }

    /** @return {@code null}: the backward pass needs nothing beyond the input */
    @Override
    public INDArray maxPool2d(INDArray x, INDArray y, Window2d window, boolean forBackward) {
        MAXPOOL.exec(x, y, window.poolingArgs(), NativeOp.NO_TARGS);
        return null;
    }

    @Override
    public void maxPool2dBackward(INDArray x, INDArray dy, INDArray state, INDArray dx, Window2d window) {
        MAXPOOL_BP.exec(x, dy, dx, window.poolingArgs(), NativeOp.NO_TARGS);
    }

    @Override
    public void avgPool2d(INDArray x, INDArray y, Window2d window) {
        AVGPOOL.exec(x, y, window.poolingArgs(), NativeOp.NO_TARGS);
    }

    @Override
    public void avgPool2dBackward(INDArray x, INDArray dy, INDArray dx, Window2d window) {
        AVGPOOL_BP.exec(x, dy, dx, window.poolingArgs(), NativeOp.NO_TARGS);
    }
}
