/**
 * The differentiable operations of Lamina, one class each, channels-last (NHWC), and the public
 * {@link dev.lamina.core.ops.Ops} facade over them. Each class is a short front: it checks its
 * arguments, makes the output, calls a kernel of {@code dev.lamina.backend} chosen through
 * {@link dev.lamina.backend.dispatch.Kernels}, and records its backward rule on the tape when an
 * input requires gradients; the backward rule calls the kernels' backward (or combines element-wise,
 * reduction and array kernels) and returns fresh gradients. The fronts run no native op themselves:
 * they use arrays for their shapes and as the kernels' arguments. Per-channel vector arithmetic of
 * batch normalization, dropout's mask and sparse labels' one-hot rows are computed in Java on host
 * buffers, where that is cheaper than a native call.
 */
package dev.lamina.core.ops;
