package dev.lamina.core.ops;

import dev.lamina.core.ArrayArena;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalization over the last axis, as Keras 3 computes it. libnd4j's {@code batchnorm}
 * normalises with the statistics it is given and {@code batchnorm_bp} differentiates through the
 * batch statistics; the statistics and the moving averages are Lamina's.
 */
public final class BatchNormOp {

    private static final NativeOp BATCHNORM = new NativeOp("batchnorm");
    private static final NativeOp BATCHNORM_BP = new NativeOp("batchnorm_bp");

    private BatchNormOp() {
    }

    /**
     * The result of a training-mode call.
     *
     * @param output the normalised tensor
     * @param batchMean the per-channel batch mean
     * @param batchVariance the per-channel biased batch variance
     */
    public record TrainResult(Tensor output, INDArray batchMean, INDArray batchVariance) {
    }

    /**
     * Training mode: normalises with the batch mean and biased batch variance (gradients flow
     * through both), then updates the moving statistics in place:
     * {@code moving = moving * momentum + batch * (1 - momentum)}.
     *
     * @param x a tensor of rank ≥ 2, channels last
     * @param gamma the {@code [C]} scale
     * @param beta the {@code [C]} offset
     * @param movingMean the {@code [C]} moving mean, updated in place
     * @param movingVariance the {@code [C]} moving variance, updated in place
     * @param momentum the moving averages' momentum (Keras: 0.99)
     * @param epsilon added to the variance (Keras: 1e-3)
     * @return the output and the batch statistics
     */
    public static TrainResult train(Tensor x, Tensor gamma, Tensor beta, INDArray movingMean, INDArray movingVariance,
            double momentum, double epsilon) {
        INDArray xv = x.value();
        check(xv, gamma.value(), beta.value(), movingMean, movingVariance);
        INDArray[] stats = batchStatistics(xv);
        INDArray mean = stats[0];
        INDArray variance = stats[1];
        INDArray gv = gamma.value();
        INDArray bv = beta.value();
        long[] iargs = {1, 1, xv.rank() - 1};
        double[] targs = {epsilon};
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        BATCHNORM.exec(new INDArray[] {xv, mean, variance, gv, bv}, new INDArray[] {y}, iargs, targs);
        // mul, not muli: castTo returns the array itself when the types agree, and the batch
        // statistics are still needed by the backward pass.
        movingMean.muli(momentum).addi(mean.castTo(movingMean.dataType()).mul(1 - momentum));
        movingVariance.muli(momentum).addi(variance.castTo(movingVariance.dataType()).mul(1 - momentum));
        Tensor out = Tensor.record("batch_normalization", y, (dy, needs) -> {
            INDArray dx = ArrayArena.uninitialized(xv.dataType(), xv.shape());
            INDArray dMean = ArrayArena.uninitialized(mean.dataType(), mean.shape());
            INDArray dVar = ArrayArena.uninitialized(variance.dataType(), variance.shape());
            INDArray dGamma = ArrayArena.uninitialized(gv.dataType(), gv.shape());
            INDArray dBeta = ArrayArena.uninitialized(bv.dataType(), bv.shape());
            BATCHNORM_BP.exec(new INDArray[] {xv, mean, variance, gv, bv, dy},
                    new INDArray[] {dx, dMean, dVar, dGamma, dBeta}, iargs, targs);
            return new INDArray[] {dx, dGamma, dBeta};
        }, x, gamma, beta);
        return new TrainResult(out, mean, variance);
    }

    /**
     * Inference mode: normalises with the moving statistics, which stay constant (gradients still
     * flow to x, gamma and beta, as for a frozen layer inside a trained model).
     *
     * @param x a tensor of rank ≥ 2, channels last
     * @param gamma the {@code [C]} scale
     * @param beta the {@code [C]} offset
     * @param movingMean the {@code [C]} moving mean
     * @param movingVariance the {@code [C]} moving variance
     * @param epsilon added to the variance
     * @return the normalised tensor
     */
    public static Tensor inference(Tensor x, Tensor gamma, Tensor beta, INDArray movingMean, INDArray movingVariance,
            double epsilon) {
        INDArray xv = x.value();
        INDArray gv = gamma.value();
        INDArray bv = beta.value();
        check(xv, gv, bv, movingMean, movingVariance);
        INDArray y = ArrayArena.uninitialized(xv.dataType(), xv.shape());
        BATCHNORM.exec(new INDArray[] {xv, movingMean, movingVariance, gv, bv}, new INDArray[] {y},
                new long[] {1, 1, xv.rank() - 1}, new double[] {epsilon});
        return Tensor.record("batch_normalization", y, (dy, needs) -> {
            INDArray invStd = Transforms.pow(movingVariance.add(epsilon), -0.5, false);
            INDArray[] grads = new INDArray[3];
            int[] axes = statisticAxes(xv);
            if (needs[0]) {
                grads[0] = ElementWise.mul(dy, gv.mul(invStd));
            }
            if (needs[1]) {
                INDArray xhat = ElementWise.mul(ElementWise.sub(xv, movingMean), invStd);
                grads[1] = ElementWise.mul(dy, xhat).sum(axes);
            }
            if (needs[2]) {
                grads[2] = dy.sum(axes);
            }
            return grads;
        }, x, gamma, beta);
    }

    /**
     * Per-channel mean and biased variance over every axis but the last, as column sums of the
     * {@code [M, C]} view through oneDNN's matmul (ND4J's {@code mean}/{@code var} over leading
     * axes walk one sub-array per channel and measured ~15x slower); the variance is the mean of
     * squared deviations, two-pass, so it stays accurate when the mean is large.
     */
    private static INDArray[] batchStatistics(INDArray x) {
        long c = x.size(x.rank() - 1);
        long m = x.length() / c;
        INDArray rows = x.reshape('c', m, c);
        INDArray mean = Reductions.sumRows(rows).divi(m).reshape('c', new long[] {c});
        INDArray centered = ElementWise.sub(rows, mean);
        INDArray squared = ElementWise.mul(centered, centered);
        INDArray variance = Reductions.sumRows(squared).divi(m).reshape('c', new long[] {c});
        return new INDArray[] {mean, variance};
    }

    private static int[] statisticAxes(INDArray x) {
        int[] axes = new int[x.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    private static void check(INDArray x, INDArray gamma, INDArray beta, INDArray mean, INDArray variance) {
        if (x.rank() < 2) {
            throw Shapes.error("batch_normalization", "input must have rank >= 2, got input shape " + Shapes.str(x));
        }
        long c = x.size(x.rank() - 1);
        INDArray[] params = {gamma, beta, mean, variance};
        String[] names = {"gamma", "beta", "moving_mean", "moving_variance"};
        for (int i = 0; i < params.length; i++) {
            if (params[i].rank() != 1 || params[i].length() != c) {
                throw Shapes.error("batch_normalization", names[i] + " of shape " + Shapes.str(params[i])
                        + " does not match the " + c + " channels of input shape " + Shapes.str(x));
            }
        }
    }
}
