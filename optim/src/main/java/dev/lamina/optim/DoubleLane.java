package dev.lamina.optim;

import java.nio.Buffer;
import java.nio.DoubleBuffer;

/** A lane of float64 values. */
final class DoubleLane extends Lane {

    private final double[] v;

    DoubleLane(int capacity, int length) {
        v = new double[capacity];
        this.length = length;
    }

    private static double[] of(Lane x) {
        return ((DoubleLane) x).v;
    }

    @Override
    public Lane assign(Lane x) {
        System.arraycopy(of(x), 0, v, 0, length);
        return this;
    }

    @Override
    public Lane add(Lane x) {
        double[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] += o[i];
        }
        return this;
    }

    @Override
    public Lane sub(Lane x) {
        double[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] -= o[i];
        }
        return this;
    }

    @Override
    public Lane mul(Lane x) {
        double[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] *= o[i];
        }
        return this;
    }

    @Override
    public Lane div(Lane x) {
        double[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] /= o[i];
        }
        return this;
    }

    @Override
    public Lane max(Lane x) {
        double[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] = Math.max(v[i], o[i]);
        }
        return this;
    }

    @Override
    public Lane add(double s) {
        double f = s;
        for (int i = 0; i < length; i++) {
            v[i] += f;
        }
        return this;
    }

    @Override
    public Lane mul(double s) {
        double f = s;
        for (int i = 0; i < length; i++) {
            v[i] *= f;
        }
        return this;
    }

    @Override
    public Lane sqrt() {
        for (int i = 0; i < length; i++) {
            v[i] = Math.sqrt(v[i]);
        }
        return this;
    }

    @Override
    void load(Buffer from, int offset) {
        ((DoubleBuffer) from).get(offset, v, 0, length);
    }

    @Override
    void store(Buffer to, int offset) {
        ((DoubleBuffer) to).put(offset, v, 0, length);
    }
}
