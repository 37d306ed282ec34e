/** Keras losses: categorical and sparse categorical cross-entropy, binary cross-entropy, mean squared error. */
package dev.lamina.losses;
