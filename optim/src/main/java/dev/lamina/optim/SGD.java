package dev.lamina.optim;

import dev.lamina.backend.HostFloats;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' stochastic gradient descent, with optional momentum and Nesterov momentum:
 * {@code v = momentum * v - lr * g}; {@code w += v}, or with Nesterov {@code w += momentum * v - lr * g};
 * without momentum {@code w -= lr * g}.
 */
public final class SGD extends FluentOptimizer<SGD> {

    private double momentum;
    private boolean nesterov;

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
    protected void updateStep(INDArray g, INDArray w, Map<String, INDArray> slots, double lr, long step) {
        FloatBuffer gb = HostFloats.of(g);
        FloatBuffer wb = HostFloats.of(w);
        FloatBuffer mb = momentum == 0 ? null : HostFloats.of(slots.get("momentums"));
        if (gb != null && wb != null && (momentum == 0 || mb != null)) {
            updateOnHost(gb, wb, mb, (float) lr);
            return;
        }
        if (momentum == 0) {
            w.subi(g.mul(lr));
            return;
        }
        INDArray v = slots.get("momentums");
        v.muli(momentum).subi(g.mul(lr));
        if (nesterov) {
            w.addi(v.mul(momentum).subi(g.mul(lr)));
        } else {
            w.addi(v);
        }
    }

    /** The update above in one pass, with the same float32 operations in the same order. */
    private void updateOnHost(FloatBuffer g, FloatBuffer w, FloatBuffer v, float lr) {
        float mom = (float) momentum;
        int n = g.limit();
        for (int i = 0; i < n; i++) {
            float step = g.get(i) * lr;
            if (v == null) {
                w.put(i, w.get(i) - step);
                continue;
            }
            float vi = v.get(i) * mom - step;
            v.put(i, vi);
            w.put(i, nesterov ? w.get(i) + (vi * mom - step) : w.get(i) + vi);
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
