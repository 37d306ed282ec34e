/**
 * Lamina's foundation: the {@link dev.lamina.core.Tensor} with reverse-mode automatic
 * differentiation, the global settings and seed in {@link dev.lamina.core.Lamina}, and the ND4J
 * backend description in {@link dev.lamina.backend.Backend}.
 */
package dev.lamina.core;
