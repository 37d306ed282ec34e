/**
 * Keras' HDF5 weight files at the format level, with no knowledge of models:
 * {@link dev.lamina.saving.h5.KerasH5Weights} opens a file written by Keras' {@code save_weights}
 * or legacy {@code model.save('x.h5')} and returns each layer's weight arrays by layer name, in
 * the file's {@code weight_names} order; {@link dev.lamina.saving.h5.KerasH5File} tells the kinds
 * of Keras HDF5 files apart (legacy full model with its {@code model_config}, legacy weights,
 * Keras 3 weights) and {@link dev.lamina.saving.h5.KerasV3Weights} reads Keras 3's
 * {@code layers/<key>/vars/<i>} layout. Every dataset's declared size is checked against
 * {@link dev.lamina.saving.Limits} before it is read. Building or filling a model from them is the job of the
 * packages above ({@code dev.lamina.models}, {@code dev.lamina.applications}).
 *
 * <p>The HDF5 reading is pure Java (jHDF); no native HDF5 library is needed.
 */
package dev.lamina.saving.h5;
