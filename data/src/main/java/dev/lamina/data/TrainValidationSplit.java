package dev.lamina.data;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training and validation parts of a data set, as returned by
 * {@link Utils#trainValidationSplit(INDArray, INDArray, double)}.
 *
 * @param xTrain the first rows of x
 * @param yTrain the first rows of y
 * @param xValidation the last rows of x
 * @param yValidation the last rows of y
 */
public record TrainValidationSplit(INDArray xTrain, INDArray yTrain, INDArray xValidation, INDArray yValidation) {
}
