package dev.lamina.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keras' Adam: {@code m += (g - m)(1 - β1)}, {@code v += (g² - v)(1 - β2)},
 * {@code w -= lr · sqrt(1 - β2^t) / (1 - β1^t) · m / (sqrt(v) + ε)}, with the AMSGrad variant.
 */
public final class Adam extends ElementwiseOptimizer<Adam> {

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;
    /** This step's bias-corrected learning rate. */
    private double alpha;

    /** Adam with Keras' default learning rate 0.001. */
    public Adam() {
        this(0.001);
    }

    /**
     * Adam with the given learning rate.
     *
     * @param learningRate the learning rate
     */
    public Adam(double learningRate) {
        super(learningRate);
    }

    /**
     * Decay of the first moment (default 0.9).
     *
     * @param beta1 in [0, 1)
     * @return this optimizer
     */
    public Adam beta1(double beta1) {
        this.beta1 = unitInterval("beta_1", beta1);
        return this;
    }

    /**
     * Decay of the second moment (default 0.999).
     *
     * @param beta2 in [0, 1)
     * @return this optimizer
     */
    public Adam beta2(double beta2) {
        this.beta2 = unitInterval("beta_2", beta2);
        return this;
    }

    /**
     * Added to the denominator (default 1e-7).
     *
     * @param epsilon a positive constant
     * @return this optimizer
     */
    public Adam epsilon(double epsilon) {
        this.epsilon = positive("epsilon", epsilon);
        return this;
    }

    /**
     * Use the maximum of past second moments (default false).
     *
     * @param amsgrad whether to use AMSGrad
     * @return this optimizer
     */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected List<String> slotNames() {
        List<String> names = new ArrayList<>(List.of("momentums", "velocities"));
        if (amsgrad) {
            names.add("velocity_hats");
        }
        return names;
    }

    @Override
    protected void beginStep(double learningRate, long step) {
        alpha = learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
    }

    @Override
    protected void update(Lanes x) {
        Lane g = x.gradient();
        Lane t = x.temp(0);
        Lane m = x.slot(0).add(t.assign(g).sub(x.slot(0)).mul(1 - beta1));
        Lane v = x.slot(1).add(t.assign(g).mul(g).sub(x.slot(1)).mul(1 - beta2));
        if (amsgrad) {
            v = x.slot(2).max(v);
        }
        x.weight().sub(t.assign(m).mul(alpha).div(x.temp(1).assign(v).sqrt().add(epsilon)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("beta_1", beta1);
        c.put("beta_2", beta2);
        c.put("epsilon", epsilon);
        c.put("amsgrad", amsgrad);
        return c;
    }
}
