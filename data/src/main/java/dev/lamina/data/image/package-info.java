/**
 * Image augmentation and image folders, as Keras' (legacy) {@code ImageDataGenerator}:
 * {@link dev.lamina.data.image.ImageDataGenerator} draws and applies random rotations, shifts,
 * shears, zooms, flips and brightness changes with Keras' geometry;
 * {@link dev.lamina.data.image.NumpyArrayIterator} and
 * {@link dev.lamina.data.image.DirectoryIterator} are the batch sources that
 * {@code ImageDataGenerator.flow} and {@code flowFromDirectory} return.
 *
 * <p>Pixel loops here run over {@code float[]} in plain Java: the design allows plain Java loops
 * for data decoding and augmentation, and one ND4J call per pixel would cost more than the
 * arithmetic.
 */
package dev.lamina.data.image;
