/**
 * Lamina's foundation: the {@link dev.lamina.core.Tensor} with reverse-mode automatic
 * differentiation, the batch sources, and the global seed in {@link dev.lamina.core.Lamina}. The
 * ND4J backend itself (kernels, arena, native build) is in lamina-backend's {@code dev.lamina.backend}.
 */
package dev.lamina.core;
