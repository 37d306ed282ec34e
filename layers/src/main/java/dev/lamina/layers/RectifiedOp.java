package dev.lamina.layers;

import dev.lamina.core.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The parametric rectifier behind {@link ReLU} and {@link LeakyReLU}, computed as Keras' backend
 * {@code relu(x, negative_slope, max_value, threshold)} does: {@code x} where {@code x > threshold}
 * (or {@code max(x, 0)} when the threshold is 0), clipped to {@code [0, max_value]} when a maximum is
 * set, minus {@code negative_slope * max(threshold - x, 0)}.
 */
final class RectifiedOp {

    private RectifiedOp() {
    }

    /**
     * Applies the rectifier.
     *
     * @param x the input
     * @param negativeSlope the slope below the threshold
     * @param maxValue the saturation value, or {@code null} for none
     * @param threshold the value below which the output is damped
     * @return the output, recorded for autodiff
     */
    static Tensor apply(Tensor x, double negativeSlope, Double maxValue, double threshold) {
        INDArray xv = x.value();
        // Keras keeps x above the threshold as it is (no relu) when the threshold is not 0.
        INDArray above = threshold != 0 ? xv.gt(threshold).castTo(xv.dataType())
                : xv.gt(0).castTo(xv.dataType());
        INDArray y = xv.mul(above);
        INDArray slope = above;
        if (maxValue != null) {
            INDArray inside = y.gt(0).castTo(xv.dataType()).muli(y.lt(maxValue).castTo(xv.dataType()));
            slope = above.mul(inside);
            y = Transforms.min(Transforms.max(y, 0.0, false), maxValue, false);
        }
        if (negativeSlope != 0) {
            INDArray below = xv.lt(threshold).castTo(xv.dataType());
            y.subi(xv.rsub(threshold).muli(below).muli(negativeSlope));
            slope = slope.add(below.muli(negativeSlope));
        }
        INDArray derivative = slope;
        return Tensor.record("relu", y, dy -> dy.mul(derivative), x);
    }
}
