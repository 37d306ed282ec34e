/**
 * Keras' HDF5 weight files at the format level, with no knowledge of models:
 * {@link dev.lamina.saving.h5.KerasH5Weights} opens a file written by Keras' {@code save_weights}
 * or legacy {@code model.save('x.h5')} and returns each layer's weight arrays by layer name, in
 * the file's {@code weight_names} order. Building or filling a model from them is the job of the
 * packages above ({@code dev.lamina.models}, {@code dev.lamina.applications}).
 *
 * <p>The HDF5 reading is pure Java (jHDF); no native HDF5 library is needed.
 */
package dev.lamina.saving.h5;
