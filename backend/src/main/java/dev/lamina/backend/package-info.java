/**
 * Lamina's backend: the kernel interfaces that the differentiable ops in {@code dev.lamina.core.ops}
 * call ({@link dev.lamina.backend.ConvolutionKernels}, {@link dev.lamina.backend.PoolingKernels},
 * {@link dev.lamina.backend.ActivationKernels}, {@link dev.lamina.backend.MatMulKernels}), the
 * array arena and host-buffer helpers, libnd4j op calls ({@link dev.lamina.backend.NativeOp}), and
 * the choice of ND4J's native build ({@link dev.lamina.backend.NativeBuildBootstrap}), which runs by
 * itself whenever ND4J first loads. The implementations live in {@code dev.lamina.backend.nd4j} and
 * {@code dev.lamina.backend.onednn}; {@code dev.lamina.backend.dispatch} chooses between them.
 */
package dev.lamina.backend;
