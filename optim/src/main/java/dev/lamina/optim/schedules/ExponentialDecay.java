package dev.lamina.optim.schedules;

/**
 * Keras' {@code ExponentialDecay}: {@code initial * rate^(step / decaySteps)}, with the exponent
 * floored when {@link #staircase(boolean)} is on.
 */
public final class ExponentialDecay implements LearningRateSchedule {

    private final double initialLearningRate;
    private final long decaySteps;
    private final double decayRate;
    private boolean staircase;

    /**
     * @param initialLearningRate the rate at step 0
     * @param decaySteps steps per decay period, positive
     * @param decayRate the factor per period
     */
    public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("decay_steps must be positive. Received: decay_steps=" + decaySteps);
        }
        this.initialLearningRate = initialLearningRate;
        this.decaySteps = decaySteps;
        this.decayRate = decayRate;
    }

    /**
     * Decay in whole periods (default false).
     *
     * @param staircase whether to floor the exponent
     * @return this schedule
     */
    public ExponentialDecay staircase(boolean staircase) {
        this.staircase = staircase;
        return this;
    }

    @Override
    public double at(long step) {
        double p = (double) step / decaySteps;
        return initialLearningRate * Math.pow(decayRate, staircase ? Math.floor(p) : p);
    }
}
