package dev.lamina.layers;

import dev.lamina.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The layer behind {@code Input.shape(...)}: it holds a functional model's input shape and passes
 * its input through. It appears in a functional model's summary, as in Keras.
 */
public class InputLayer extends FluentLayer<InputLayer> {

    /**
     * @param dims the shape of one sample
     */
    public InputLayer(int... dims) {
        inputShape(dims);
        build(declaredInputShape());
    }

    @Override
    public long[] computeOutputShape(long[] in) {
        return in.clone();
    }

    @Override
    protected Tensor call(Tensor input, boolean training) {
        return input;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("batch_shape", c.remove("batch_input_shape"));
        return c;
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static InputLayer fromConfig(Map<String, Object> config) {
        List<?> shape = (List<?>) config.get("batch_shape");
        int[] dims = new int[shape.size() - 1];
        for (int i = 1; i < shape.size(); i++) {
            dims[i - 1] = ((Number) shape.get(i)).intValue();
        }
        InputLayer l = new InputLayer(dims);
        Object n = config.get("name");
        if (n != null) {
            l.name(n.toString());
        }
        return l;
    }
}
