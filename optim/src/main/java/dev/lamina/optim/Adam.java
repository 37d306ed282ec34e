package dev.lamina.optim;

import dev.lamina.backend.HostFloats;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras' Adam: {@code m += (g - m)(1 - β1)}, {@code v += (g² - v)(1 - β2)},
 * {@code w -= lr · sqrt(1 - β2^t) / (1 - β1^t) · m / (sqrt(v) + ε)}, with the AMSGrad variant.
 */
public final class Adam extends FluentOptimizer<Adam> {

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-7;
    private boolean amsgrad;

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
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr, long step) {
        INDArray m = slots.get("momentums");
        INDArray v = slots.get("velocities");
        double alphaD = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        FloatBuffer gb = HostFloats.of(g);
        FloatBuffer wb = HostFloats.of(w);
        FloatBuffer mb = HostFloats.of(m);
        FloatBuffer vb = HostFloats.of(v);
        FloatBuffer hb = amsgrad ? HostFloats.of(slots.get("velocity_hats")) : null;
        if (gb != null && wb != null && mb != null && vb != null && (!amsgrad || hb != null)) {
            updateOnHost(gb, wb, mb, vb, hb, (float) alphaD);
            return;
        }
        m.addi(g.sub(m).muli(1 - beta1));
        v.addi(g.mul(g).subi(v).muli(1 - beta2));
        if (amsgrad) {
            INDArray vHat = slots.get("velocity_hats");
            Transforms.max(vHat, v, false);
            v = vHat;
        }
        double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
        w.subi(m.mul(alpha).divi(Transforms.sqrt(v, true).addi(epsilon)));
    }

    /** The update above in one pass, with the same float32 operations in the same order. */
    private void updateOnHost(FloatBuffer g, FloatBuffer w, FloatBuffer m, FloatBuffer v, FloatBuffer vHat,
            float alpha) {
        float oneMinusBeta1 = (float) (1 - beta1);
        float oneMinusBeta2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        int n = g.limit();
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = m.get(i) + (gi - m.get(i)) * oneMinusBeta1;
            m.put(i, mi);
            float vi = v.get(i) + (gi * gi - v.get(i)) * oneMinusBeta2;
            v.put(i, vi);
            if (vHat != null) {
                vi = Math.max(vHat.get(i), vi);
                vHat.put(i, vi);
            }
            w.put(i, w.get(i) - mi * alpha / ((float) Math.sqrt(vi) + eps));
        }
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
