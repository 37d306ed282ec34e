/**
 * Keras optimizers on Lamina's tensors: SGD (momentum, Nesterov), RMSprop and Adam with Keras 3's
 * formulas, and learning-rate schedules. Built by the models issue; this module holds its build so
 * far.
 */
package dev.lamina.optim;
