package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Fused losses whose forward pass is one kernel. */
public interface LossKernels {

    /**
     * Writes {@code -sum(labels * log_softmax(logits))} per sample, the softmax shifted by each
     * row's maximum and the loss unclipped.
     *
     * @param logits the {@code [N, K]} pre-softmax outputs
     * @param labels the {@code [N, K]} target distributions, of the logits' data type
     * @param loss the {@code [N, 1]} per-sample losses to write
     */
    void softmaxCrossEntropy(INDArray logits, INDArray labels, INDArray loss);
}
