/**
 * Keras' {@code keras.applications}: well-known networks built exactly as Keras builds them, with
 * Keras' layer names and options ({@link dev.lamina.applications.ApplicationOptions}), and their
 * ImageNet weights taken from Keras' own published files.
 * {@link dev.lamina.applications.ResNet50} is the first.
 *
 * <p>Weight files are found in Keras' cache ({@code $KERAS_HOME/models}, {@code ~/.keras/models})
 * or in Lamina's dataset store, else downloaded through the store (its mirror and offline switch
 * apply) and always checked against the MD5 Keras publishes; they are read by
 * {@link dev.lamina.saving.h5.KerasH5Weights}.
 *
 * <p>This package sits above {@code dev.lamina.models}; nothing below it imports it.
 */
package dev.lamina.applications;
