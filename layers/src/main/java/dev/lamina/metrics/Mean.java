package dev.lamina.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A weighted mean of values added with {@link #add(double, double)}, e.g. the loss per epoch. */
public final class Mean extends SampleMean {

    private final String name;

    /**
     * @param name the metric's name, e.g. {@code "loss"}
     */
    public Mean(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected INDArray perSample(INDArray yTrue, INDArray yPred) {
        return yPred.reshape(yPred.length());
    }
}
