package dev.lamina.optim;

import dev.lamina.backend.HostFloats;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras' RMSprop: {@code v = rho * v + (1 - rho) * g²}; {@code w -= lr * g / sqrt(v + epsilon)}
 * (epsilon inside the square root, as in Keras and unlike PyTorch), with optional momentum and the
 * centered variant that subtracts the squared mean gradient.
 */
public final class RMSprop extends FluentOptimizer<RMSprop> {

    private double rho = 0.9;
    private double momentum;
    private double epsilon = 1e-7;
    private boolean centered;

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
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr, long step) {
        INDArray v = slots.get("velocities");
        FloatBuffer gb = HostFloats.of(g);
        FloatBuffer wb = HostFloats.of(w);
        FloatBuffer vb = HostFloats.of(v);
        FloatBuffer mb = momentum > 0 ? HostFloats.of(slots.get("momentums")) : null;
        FloatBuffer ab = centered ? HostFloats.of(slots.get("average_gradients")) : null;
        if (gb != null && wb != null && vb != null && (momentum <= 0 || mb != null) && (!centered || ab != null)) {
            updateOnHost(gb, wb, vb, mb, ab, (float) lr);
            return;
        }
        v.muli(rho).addi(g.mul(g).muli(1 - rho));
        INDArray denominator;
        if (centered) {
            INDArray avg = slots.get("average_gradients");
            avg.muli(rho).addi(g.mul(1 - rho));
            denominator = v.sub(avg.mul(avg)).addi(epsilon);
        } else {
            denominator = v.add(epsilon);
        }
        INDArray increment = g.mul(lr).divi(Transforms.sqrt(denominator, false));
        if (momentum > 0) {
            INDArray m = slots.get("momentums");
            m.muli(momentum).addi(increment);
            w.subi(m);
        } else {
            w.subi(increment);
        }
    }

    /** The update above in one pass, with the same float32 operations in the same order. */
    private void updateOnHost(FloatBuffer g, FloatBuffer w, FloatBuffer v, FloatBuffer m, FloatBuffer avg, float lr) {
        float rhoF = (float) rho;
        float oneMinusRho = (float) (1 - rho);
        float eps = (float) epsilon;
        float mom = (float) momentum;
        int n = g.limit();
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float vi = v.get(i) * rhoF + gi * gi * oneMinusRho;
            v.put(i, vi);
            float denominator;
            if (avg != null) {
                float ai = avg.get(i) * rhoF + gi * oneMinusRho;
                avg.put(i, ai);
                denominator = vi - ai * ai + eps;
            } else {
                denominator = vi + eps;
            }
            float increment = gi * lr / (float) Math.sqrt(denominator);
            if (m != null) {
                float mi = m.get(i) * mom + increment;
                m.put(i, mi);
                w.put(i, w.get(i) - mi);
            } else {
                w.put(i, w.get(i) - increment);
            }
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
