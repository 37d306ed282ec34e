/**
 * Keras optimizers on Lamina's tensors: {@link dev.lamina.optim.SGD} (momentum, Nesterov),
 * {@link dev.lamina.optim.RMSprop} and {@link dev.lamina.optim.Adam} with Keras 3's formulas and
 * defaults, gradient clipping, legacy decay and decoupled weight decay. Updates are in place; each
 * optimizer states its element-wise formula once, with {@link dev.lamina.optim.Lane} operations.
 */
package dev.lamina.optim;
