package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.Map;

/** Keras' Flatten: {@code (batch, d1, d2, …) → (batch, d1·d2·…)} in row-major (H, W, C) order. */
public class Flatten extends FluentLayer<Flatten> {

    /** A flatten layer. */
    public Flatten() {
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        if (in.length < 1) {
            throw new IllegalArgumentException("Layer \"" + name() + "\" (Flatten) needs a batch axis");
        }
        for (int i = 1; i < in.length; i++) {
            if (in[i] < 0) {
                return new long[] {in[0], -1};
            }
        }
        return new long[] {in[0], Shapes.perSample(in)};
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return Ops.flatten(input);
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Flatten fromConfig(Map<String, Object> config) {
        Flatten l = new Flatten();
        l.configureFrom(config);
        return l;
    }
}
