package dev.lamina.backend.nd4j;

import dev.lamina.backend.LossKernels;
import dev.lamina.backend.NativeOp;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Losses through libnd4j's loss ops, for every data type and backend. */
public final class Nd4jLossKernels implements LossKernels {

    /** The one instance. */
    public static final Nd4jLossKernels INSTANCE = new Nd4jLossKernels();

    private static final NativeOp SOFTMAX_CROSS_ENTROPY = new NativeOp("softmax_cross_entropy_loss");
    /** libnd4j's reduction mode 0: one loss per sample, shape [N, 1]. */
    private static final long[] PER_SAMPLE = {0};
    private static final double[] NO_SMOOTHING = {0.0};
    /** The op's weights argument, 1: one read-only scalar per type instead of a fresh one a step. */
    private static final Map<DataType, INDArray> UNIT_WEIGHT = new ConcurrentHashMap<>();

    private Nd4jLossKernels() {
    }

    @Override
    public void softmaxCrossEntropy(INDArray logits, INDArray labels, INDArray loss) {
        INDArray unitWeight = UNIT_WEIGHT.computeIfAbsent(logits.dataType(), t -> Nd4j.scalar(t, 1.0));
        SOFTMAX_CROSS_ENTROPY.exec(logits, unitWeight, labels, loss, PER_SAMPLE, NO_SMOOTHING);
    }
}
