/**
 * Keras callbacks: hooks into {@code fit} (EarlyStopping, ModelCheckpoint, ReduceLROnPlateau,
 * CSVLogger, TerminateOnNaN) and the progress bar.
 */
package dev.lamina.callbacks;
