package dev.lamina.optim;

import java.nio.Buffer;
import java.nio.FloatBuffer;

/** A lane of float32 values: each operation rounds as Java's float arithmetic does. */
final class FloatLane extends Lane {

    private final float[] v;

    FloatLane(int capacity, int length) {
        v = new float[capacity];
        this.length = length;
    }

    private static float[] of(Lane x) {
        return ((FloatLane) x).v;
    }

    @Override
    public Lane assign(Lane x) {
        System.arraycopy(of(x), 0, v, 0, length);
        return this;
    }

    @Override
    public Lane add(Lane x) {
        float[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] += o[i];
        }
        return this;
    }

    @Override
    public Lane sub(Lane x) {
        float[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] -= o[i];
        }
        return this;
    }

    @Override
    public Lane mul(Lane x) {
        float[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] *= o[i];
        }
        return this;
    }

    @Override
    public Lane div(Lane x) {
        float[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] /= o[i];
        }
        return this;
    }

    @Override
    public Lane max(Lane x) {
        float[] o = of(x);
        for (int i = 0; i < length; i++) {
            v[i] = Math.max(v[i], o[i]);
        }
        return this;
    }

    @Override
    public Lane add(double s) {
        float f = (float) s;
        for (int i = 0; i < length; i++) {
            v[i] += f;
        }
        return this;
    }

    @Override
    public Lane mul(double s) {
        float f = (float) s;
        for (int i = 0; i < length; i++) {
            v[i] *= f;
        }
        return this;
    }

    @Override
    public Lane sqrt() {
        for (int i = 0; i < length; i++) {
            // The double root of a float, rounded to float, is the correctly rounded float root.
            v[i] = (float) Math.sqrt(v[i]);
        }
        return this;
    }

    @Override
    void load(Buffer from, int offset) {
        ((FloatBuffer) from).get(offset, v, 0, length);
    }

    @Override
    void store(Buffer to, int offset) {
        ((FloatBuffer) to).put(offset, v, 0, length);
    }
}
