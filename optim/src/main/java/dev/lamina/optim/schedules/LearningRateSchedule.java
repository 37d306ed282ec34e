package dev.lamina.optim.schedules;

/** A learning rate that depends on the step, as Keras' {@code LearningRateSchedule}. */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate at a step.
     *
     * @param step the number of steps already taken (Keras' {@code iterations})
     * @return the learning rate
     */
    double at(long step);
}
