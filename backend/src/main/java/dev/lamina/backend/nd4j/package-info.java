/**
 * Kernels through libnd4j's own ops: every data type, any ND4J backend (the CUDA backend uses
 * these), and the reference for the oneDNN kernels.
 */
package dev.lamina.backend.nd4j;
