/** Keras' activation functions by name and as typed constants. */
package dev.lamina.activations;
