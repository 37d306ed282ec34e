package dev.lamina.layers;

import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Ops;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/** Keras' Average: the element-wise mean of its inputs (shapes broadcast as {@link Merge} describes). */
public class Average extends Merge<Average> {

    /** A layer to apply to a list of tensors: {@code new Average().apply(x, y)}. */
    public Average() {
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor sum = fold(inputs, Ops::add);
        return Ops.multiply(sum, Tensor.constant(Nd4j.scalar(sum.dataType(), 1.0 / inputs.size())));
    }

    /**
     * Rebuilds the layer from {@link #getConfig()}.
     *
     * @param config a Keras-style config
     * @return the layer
     */
    public static Average fromConfig(Map<String, Object> config) {
        Average l = new Average();
        l.configureFrom(config);
        return l;
    }
}
