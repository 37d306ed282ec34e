package dev.lamina.core.ops;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalization over the last axis, as Keras 3 computes it: per-channel statistics as
 * column sums through oneDNN's matmul, then {@code x * scale + offset} with
 * {@code scale = gamma / sqrt(var + eps)} and {@code offset = beta - mean * scale}, the form of
 * TensorFlow's {@code batch_normalization}. libnd4j's {@code batchnorm} and {@code batchnorm_bp}
 * ran many times slower than this form on channels-last conv activations (figures in
 * docs/PERFORMANCE.md).
 */
public final class BatchNormOp {

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
        INDArray gv = gamma.value();
        INDArray bv = beta.value();
        check(xv, gv, bv, movingMean, movingVariance);
        long c = xv.size(xv.rank() - 1);
        long m = xv.length() / c;
        Channels ch = new Channels(xv.dataType(), c);
        INDArray rows = ArrayArena.reshape(xv, m, c);
        INDArray mean = ch.quotient(Reductions.columnSums(rows), m);
        // Two-pass variance (mean of squared deviations): accurate when the mean is large. The
        // squares are a scratch array, back to the arena at once: kept until the step's end, they
        // and the deviations were two activations' worth of memory per layer.
        INDArray squares = ElementWise.sub(rows, mean);
        ElementWise.mulInPlace(squares, squares);
        INDArray variance = ch.quotient(Reductions.columnSums(squares), m);
        ArrayArena.release(squares);
        INDArray invStd = ch.inverseSqrt(variance, epsilon);
        INDArray scale = ch.product(gv, invStd, 1);
        INDArray y = ArrayArena.reshape(affine(rows, scale, ch.offset(bv, mean, scale)), xv.shape());
        Channels.moveTowards(movingMean, mean, momentum);
        Channels.moveTowards(movingVariance, variance, momentum);
        Tensor out = Tensor.record("batch_normalization", y, (dy, needs) -> {
            // With xc = x - mean and xhat = xc * invStd, the gradient through the batch
            // statistics is dx = scale * (dy - sum(dy)/m - xhat * sum(dy * xhat)/m), computed as
            // scale*dy + k*xc + offset with per-channel k and offset. xc is computed again from x
            // rather than kept from the forward pass (one pass over the activation, against holding
            // a copy of every batch-normalised activation for the whole step), and the scratch
            // arrays go back to the arena as soon as they are used.
            INDArray dyRows = ArrayArena.reshape(dy, m, c);
            INDArray dBeta = Reductions.columnSums(dyRows);
            INDArray centered = ElementWise.sub(rows, mean);
            INDArray dyCentered = ElementWise.mul(dyRows, centered);
            INDArray dGamma = ch.product(Reductions.columnSums(dyCentered), invStd, 1);
            ArrayArena.release(dyCentered);
            INDArray dx = null;
            if (needs[0]) {
                INDArray k = ch.product(ch.product(scale, invStd, 1), dGamma, -m);
                INDArray offset = ch.product(scale, dBeta, -m);
                dx = ElementWise.mul(dyRows, scale);
                ElementWise.mulInPlace(centered, k);
                ElementWise.addInPlace(dx, centered);
                BiasAddOp.addInPlace(dx, offset);
                dx = ArrayArena.reshape(dx, xv.shape());
            }
            ArrayArena.release(centered);
            return new INDArray[] {dx, needs[1] ? dGamma : null, needs[2] ? dBeta : null};
        }, x, gamma, beta).resultUnreadByBackward();
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
        long c = xv.size(xv.rank() - 1);
        long m = xv.length() / c;
        Channels ch = new Channels(xv.dataType(), c);
        INDArray rows = ArrayArena.reshape(xv, m, c);
        INDArray mean = ch.quotient(movingMean, 1);
        INDArray invStd = ch.inverseSqrt(movingVariance, epsilon);
        INDArray scale = ch.product(gv, invStd, 1);
        INDArray y = ArrayArena.reshape(affine(rows, scale, ch.offset(bv, mean, scale)), xv.shape());
        return Tensor.record("batch_normalization", y, (dy, needs) -> {
            INDArray dyRows = ArrayArena.reshape(dy, m, c);
            INDArray[] grads = new INDArray[3];
            if (needs[0]) {
                grads[0] = ArrayArena.reshape(ElementWise.mul(dyRows, scale), xv.shape());
            }
            if (needs[1]) {
                INDArray xhat = affine(rows, invStd, ch.product(mean, invStd, -1));
                ElementWise.mulInPlace(xhat, dyRows);
                grads[1] = Reductions.columnSums(xhat);
                ArrayArena.release(xhat);
            }
            if (needs[2]) {
                grads[2] = Reductions.columnSums(dyRows);
            }
            return grads;
        }, x, gamma, beta).resultUnreadByBackward();
    }

    /**
     * {@code rows * scale + offset} per channel, as TensorFlow's {@code batch_normalization}
     * computes it. On a channels-last activation seen as rows (such as [25088, 75]) libnd4j's
     * {@code batchnorm} is many times slower than this multiply and an in-place bias add.
     */
    private static INDArray affine(INDArray rows, INDArray scale, INDArray offset) {
        INDArray y = ElementWise.mul(rows, scale);
        BiasAddOp.addInPlace(y, offset);
        return y;
    }

    private static void check(INDArray x, INDArray gamma, INDArray beta, INDArray mean, INDArray variance) {
        if (x.rank() < 2) {
            throw ShapeChecks.error("batch_normalization", "input must have rank >= 2, got input shape " + ShapeChecks.str(x));
        }
        checkChannels(x, gamma, "gamma");
        checkChannels(x, beta, "beta");
        checkChannels(x, mean, "moving_mean");
        checkChannels(x, variance, "moving_variance");
    }

    private static void checkChannels(INDArray x, INDArray param, String name) {
        long c = x.size(x.rank() - 1);
        if (param.rank() != 1 || param.length() != c) {
            throw ShapeChecks.error("batch_normalization", name + " of shape " + ShapeChecks.str(param)
                    + " does not match the " + c + " channels of input shape " + ShapeChecks.str(x));
        }
    }
}
