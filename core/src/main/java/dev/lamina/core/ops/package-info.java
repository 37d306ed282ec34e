/**
 * The differentiable operations of Lamina, one class each, channels-last (NHWC), and the public
 * {@link dev.lamina.core.ops.Ops} facade over them. Each class is a short front: it checks its
 * arguments, makes the output, calls a kernel of {@code dev.lamina.backend} (or a libnd4j op for the
 * simple element-wise and shape ops) and records its backward rule on the tape when an input
 * requires gradients; the backward rule calls the kernel's backward and returns fresh gradients.
 */
package dev.lamina.core.ops;
