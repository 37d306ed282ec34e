/** Learning-rate schedules, as Keras' {@code keras.optimizers.schedules}. */
package dev.lamina.optim.schedules;
