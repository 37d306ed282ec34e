/**
 * Weight initializers with Keras 3's names, defaults and formulas ({@code keras.initializers}).
 *
 * <p>Every initializer is a pure function of (shape, data type, seed): it keeps no random state of
 * its own, so a layer that derives its seed from the global one (see {@code dev.lamina.core.Seeds})
 * draws the same weights in every run. Random values come from {@link java.util.SplittableRandom},
 * so they are reproducible across machines and ND4J backends, though not bit-equal to Keras' own
 * draws.
 */
package dev.lamina.initializers;
