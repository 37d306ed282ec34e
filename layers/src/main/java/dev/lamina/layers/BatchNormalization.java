package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.BatchNormOp;
import dev.lamina.initializers.Ones;
import dev.lamina.initializers.Zeros;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' BatchNormalization over the last axis. Training: batch mean and biased batch variance,
 * and {@code moving = moving * momentum + batch * (1 - momentum)}; inference, or when the layer is
 * frozen: the moving statistics. Weights: gamma and beta (trainable), moving_mean and
 * moving_variance (never trainable), so a summary counts {@code 4 * C} parameters, {@code 2 * C}
 * of them non-trainable.
 */
public class BatchNormalization extends FluentLayer<BatchNormalization> {

    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Weight gamma;
    private Weight beta;
    private Weight movingMean;
    private Weight movingVariance;
    private Tensor fixedGamma;
    private Tensor fixedBeta;

    /** A batch normalization with Keras' defaults (axis -1, momentum 0.99, epsilon 1e-3). */
    public BatchNormalization() {
    }

    /**
     * Only the last axis is supported (channels-last).
     *
     * @param axis -1, or the index of the last axis
     * @return this layer
     */
    public BatchNormalization axis(int axis) {
        if (axis != -1) {
            throw new IllegalArgumentException("BatchNormalization supports axis=-1 (channels last). Received: axis="
                    + axis);
        }
        return this;
    }

    /**
     * Momentum of the moving statistics (default 0.99).
     *
     * @param momentum in [0, 1]
     * @return this layer
     */
    public BatchNormalization momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1]. Received: momentum=" + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    /**
     * Added to the variance (default 1e-3).
     *
     * @param epsilon a positive constant
     * @return this layer
     */
    public BatchNormalization epsilon(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be positive. Received: epsilon=" + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /**
     * Whether to add the offset beta (default true).
     *
     * @param center whether to center
     * @return this layer
     */
    public BatchNormalization center(boolean center) {
        this.center = center;
        return this;
    }

    /**
     * Whether to multiply by gamma (default true).
     *
     * @param scale whether to scale
     * @return this layer
     */
    public BatchNormalization scale(boolean scale) {
        this.scale = scale;
        return this;
    }


    @Override
    public long[] computeOutputShape(long[] in) {
        if (in.length < 2 || in[in.length - 1] < 0) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" (BatchNormalization) needs a "
                    + "known channel axis and a batch axis. Full shape received: " + Shapes.format(in));
        }
        return in.clone();
    }

    @Override
    protected void onBuild(long[] in) {
        long[] c = {in[in.length - 1]};
        if (scale) {
            gamma = addWeight("gamma", c, new Ones(), true);
        } else {
            fixedGamma = Tensor.constant(Nd4j.ones(DataType.FLOAT, c));
        }
        if (center) {
            beta = addWeight("beta", c, new Zeros(), true);
        } else {
            fixedBeta = Tensor.constant(Nd4j.zeros(DataType.FLOAT, c));
        }
        movingMean = addWeight("moving_mean", c, new Zeros(), false);
        movingVariance = addWeight("moving_variance", c, new Ones(), false);
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        Tensor g = gamma != null ? gamma.variable() : fixedGamma;
        Tensor b = beta != null ? beta.variable() : fixedBeta;
        if (training && isTrainable()) {
            return BatchNormOp.train(input, g, b, movingMean.value(), movingVariance.value(), momentum, epsilon)
                    .output();
        }
        return BatchNormOp.inference(input, g, b, movingMean.value(), movingVariance.value(), epsilon);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", -1);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static BatchNormalization fromConfig(Map<String, Object> config) {
        BatchNormalization l = new BatchNormalization().momentum(Args.number(config, "momentum", 0.99))
                .epsilon(Args.number(config, "epsilon", 1e-3)).center(Args.bool(config, "center", true))
                .scale(Args.bool(config, "scale", true));
        l.configureFrom(config);
        return l;
    }
}
