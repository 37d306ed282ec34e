package dev.lamina.optim;

import java.util.List;
import java.util.Map;

/**
 * Keras' stochastic gradient descent, with optional momentum and Nesterov momentum:
 * {@code v = momentum * v - lr * g}; {@code w += v}, or with Nesterov {@code w += momentum * v - lr * g};
 * without momentum {@code w -= lr * g}.
 */
public final class SGD extends ElementwiseOptimizer<SGD> {

    private double momentum;
    private boolean nesterov;
    /** This step's learning rate. */
    private double rate;

    /** SGD with Keras' default learning rate 0.01. */
    public SGD() {
        this(0.01);
    }

    /**
     * SGD with the given learning rate.
     *
     * @param learningRate the learning rate
     */
    public SGD(double learningRate) {
        super(learningRate);
    }

    /**
     * Momentum (default 0).
     *
     * @param momentum in [0, 1)
     * @return this optimizer
     */
    public SGD momentum(double momentum) {
        this.momentum = unitInterval("momentum", momentum);
        return this;
    }

    /**
     * Nesterov momentum (default false).
     *
     * @param nesterov whether to use it
     * @return this optimizer
     */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /** @return the momentum */
    public double momentum() {
        return momentum;
    }

    /** @return whether Nesterov momentum is used */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected List<String> slotNames() {
        return momentum != 0 ? List.of("momentums") : List.of();
    }

    @Override
    protected void beginStep(double learningRate, long step) {
        rate = learningRate;
    }

    @Override
    protected void update(Lanes x) {
        Lane w = x.weight();
        Lane step = x.temp(0).assign(x.gradient()).mul(rate);
        if (momentum == 0) {
            w.sub(step);
            return;
        }
        Lane v = x.slot(0).mul(momentum).sub(step);
        if (nesterov) {
            w.add(x.temp(1).assign(v).mul(momentum).sub(step));
        } else {
            w.add(v);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("momentum", momentum);
        c.put("nesterov", nesterov);
        return c;
    }
}
