/** Keras metrics: accuracies and running means, weighted by samples. */
package dev.lamina.metrics;
