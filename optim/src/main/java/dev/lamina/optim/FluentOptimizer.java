package dev.lamina.optim;

import dev.lamina.optim.schedules.LearningRateSchedule;

/**
 * An optimizer whose inherited setters return its own type, so options chain in any order:
 * {@code new Adam().learningRate(1e-3).beta1(0.9).clipnorm(1.0)}. Each optimizer extends it with
 * itself as {@code T}; code that holds optimizers of any kind uses {@link Optimizer}.
 *
 * @param <T> the concrete optimizer class
 */
public abstract class FluentOptimizer<T extends FluentOptimizer<T>> extends Optimizer {

    /**
     * An optimizer with a constant learning rate.
     *
     * @param learningRate a positive rate
     */
    protected FluentOptimizer(double learningRate) {
        super(learningRate);
    }

    /** @return this optimizer as its own type */
    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    @Override
    public T learningRate(double learningRate) {
        super.learningRate(learningRate);
        return self();
    }

    @Override
    public T learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return self();
    }

    @Override
    public T lr(double learningRate) {
        return learningRate(learningRate);
    }

    @Override
    public T iterations(long iterations) {
        super.iterations(iterations);
        return self();
    }

    @Override
    public T decay(double decay) {
        super.decay(decay);
        return self();
    }

    @Override
    public T weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return self();
    }

    @Override
    public T clipnorm(double clipnorm) {
        super.clipnorm(clipnorm);
        return self();
    }

    @Override
    public T clipvalue(double clipvalue) {
        super.clipvalue(clipvalue);
        return self();
    }

    @Override
    public T globalClipnorm(double globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return self();
    }
}
