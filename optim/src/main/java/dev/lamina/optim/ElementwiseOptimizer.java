package dev.lamina.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An optimizer whose update acts on each element on its own, stated once as {@link #update} over
 * {@link Lanes}: blocks of the gradient, the weight and the slots, with in-place element-wise
 * operations. {@link #updateStep} runs that one formula over every block of a variable, whatever
 * its data type, layout or backend, in float32 for {@code FLOAT} variables and float64 otherwise.
 *
 * @param <T> the concrete optimizer class
 */
public abstract class ElementwiseOptimizer<T extends ElementwiseOptimizer<T>> extends FluentOptimizer<T> {

    private final UpdateKernels kernels = new UpdateKernels();

    /**
     * An optimizer with a constant learning rate.
     *
     * @param learningRate a positive rate
     */
    protected ElementwiseOptimizer(double learningRate) {
        super(learningRate);
    }

    @Override
    protected void slotsForgotten(Map<String, INDArray> variableSlots) {
        kernels.forget(variableSlots);
    }

    /**
     * Prepares the scalars this step's update needs, e.g. a bias-corrected rate, so that they are
     * computed once per variable rather than per block; called before a variable's first block.
     *
     * @param learningRate the learning rate of this step
     * @param step this step's number, 1 for the first
     */
    protected abstract void beginStep(double learningRate, long step);

    /**
     * The update of one block of elements: changes {@link Lanes#weight()} and the slots in place
     * from {@link Lanes#gradient()}, using only element-wise lane operations and the scalars
     * {@link #beginStep} prepared.
     *
     * @param x the block's lanes
     */
    protected abstract void update(Lanes x);

    @Override
    protected final void updateStep(INDArray gradient, INDArray variable, Map<String, INDArray> slots,
            double learningRate, long step) {
        beginStep(learningRate, step);
        kernels.run(this, gradient, variable, slots);
    }
}
