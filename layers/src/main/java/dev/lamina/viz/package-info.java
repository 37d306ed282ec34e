/**
 * Pictures: the model graph (Keras' {@code plot_model}, drawn with Java2D or written as SVG, no
 * Graphviz), training curves for {@code History.plot} (XChart), convolution filters and feature
 * maps. The entry point is {@link dev.lamina.viz.Plots}.
 */
package dev.lamina.viz;
