package dev.lamina.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras' RMSprop: {@code v = rho * v + (1 - rho) * g²}; {@code w -= lr * g / sqrt(v + epsilon)}
 * (epsilon inside the square root, as in Keras and unlike PyTorch), with optional momentum and the
 * centered variant that subtracts the squared mean gradient.
 */
public final class RMSprop extends ElementwiseOptimizer<RMSprop> {

    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;
    /** This step's learning rate. */
    private double rate;

    /** RMSprop with Keras' default learning rate 0.001. */
    public RMSprop() {
        this(0.001);
    }

    /**
     * RMSprop with the given learning rate.
     *
     * @param learningRate the learning rate
     */
    public RMSprop(double learningRate) {
        super(learningRate);
    }

    /**
     * Discount of the squared-gradient average (default 0.9).
     *
     * @param rho in [0, 1)
     * @return this optimizer
     */
    public RMSprop rho(double rho) {
        this.rho = unitInterval("rho", rho);
        return this;
    }

    /**
     * Momentum (default 0).
     *
     * @param momentum in [0, 1)
     * @return this optimizer
     */
    public RMSprop momentum(double momentum) {
        this.momentum = unitInterval("momentum", momentum);
        return this;
    }

    /**
     * Added to the average inside the square root (default 1e-7).
     *
     * @param epsilon a positive constant
     * @return this optimizer
     */
    public RMSprop epsilon(double epsilon) {
        this.epsilon = positive("epsilon", epsilon);
        return this;
    }

    /**
     * Normalise by the variance rather than the second moment (default false).
     *
     * @param centered whether to center
     * @return this optimizer
     */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    protected List<String> slotNames() {
        List<String> names = new ArrayList<>(List.of("velocities"));
        if (momentum > 0) {
            names.add("momentums");
        }
        if (centered) {
            names.add("average_gradients");
        }
        return names;
    }

    @Override
    protected void beginStep(double learningRate, long step) {
        rate = learningRate;
    }

    @Override
    protected void update(Lanes x) {
        Lane g = x.gradient();
        Lane t = x.temp(0);
        Lane v = x.slot(0).mul(rho).add(t.assign(g).mul(g).mul(1 - rho));
        Lane denominator = x.temp(1).assign(v);
        if (centered) {
            // Keras keeps "average_gradients" after "momentums" when both exist.
            Lane average = x.slot(momentum > 0 ? 2 : 1).mul(rho).add(t.assign(g).mul(1 - rho));
            denominator.sub(t.assign(average).mul(average));
        }
        denominator.add(epsilon);
        Lane increment = t.assign(g).mul(rate).div(denominator.sqrt());
        if (momentum > 0) {
            x.weight().sub(x.slot(1).mul(momentum).add(increment));
        } else {
            x.weight().sub(increment);
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rho", rho);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("centered", centered);
        return c;
    }
}
