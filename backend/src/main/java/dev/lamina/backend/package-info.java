/**
 * Lamina's backend: the kernel interfaces that the differentiable ops in {@code dev.lamina.core.ops}
 * call, the array arena and host-buffer helpers, libnd4j op calls ({@link dev.lamina.backend.NativeOp}),
 * and the choice of ND4J's native build ({@link dev.lamina.backend.NativeBuildBootstrap}), which runs
 * by itself whenever ND4J first loads.
 *
 * <p>The kernels: {@link dev.lamina.backend.ConvolutionKernels}, {@link dev.lamina.backend.PoolingKernels},
 * {@link dev.lamina.backend.ActivationKernels} (relu, tanh, sigmoid, softmax) and
 * {@link dev.lamina.backend.MatMulKernels} for the layers' heavy work;
 * {@link dev.lamina.backend.ElementwiseKernels} (broadcasting arithmetic, comparisons, unary
 * transforms, the bias add), {@link dev.lamina.backend.ReductionKernels} (sums and means over axes),
 * {@link dev.lamina.backend.ArrayKernels} (broadcast, concatenation, slices, zero padding) and
 * {@link dev.lamina.backend.LossKernels} (the fused softmax cross-entropy) for the rest. Each writes
 * into arrays its caller made (reductions make their own), so the ops keep the arena's arrays.
 * The implementations live in {@code dev.lamina.backend.nd4j} (all of them) and
 * {@code dev.lamina.backend.onednn} (where oneDNN is faster); {@code dev.lamina.backend.dispatch}
 * chooses between them.
 */
package dev.lamina.backend;
