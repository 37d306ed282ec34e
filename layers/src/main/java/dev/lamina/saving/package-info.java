/**
 * The file format of saved models, below the models that use it: the zip archive
 * ({@link dev.lamina.saving.ArchiveWriter}, {@link dev.lamina.saving.ArchiveReader}), its JSON
 * entries ({@link dev.lamina.saving.Json}) and the caps on what a file may hold
 * ({@link dev.lamina.saving.Limits}). {@code dev.lamina.models.ModelIO} writes a model through them
 * (architecture as Keras-style layer configs, weights as {@code .npy}, compile settings and
 * optimizer state) and reads it back. {@link dev.lamina.saving.ModelFileFormat} tells Lamina's zip
 * from Keras' {@code .keras} zip and HDF5 by content; {@link dev.lamina.saving.KerasNames} holds
 * Keras' per-class naming of the objects inside a {@code .keras} file, for its readers and writers.
 *
 * <p>Loading treats the file as untrusted input: layers are rebuilt only through
 * {@link dev.lamina.layers.LayerRegistry} (no reflection on names from the file, no Java
 * deserialization), every entry is checked against its CRC-32 and a SHA-256 manifest, and sizes
 * are capped, so a damaged or hostile file fails with a
 * {@link dev.lamina.saving.ModelFormatException} naming the entry. Writes go to a temporary file
 * in the target's folder and are renamed into place, so a crash mid-write leaves the previous file
 * intact.
 */
package dev.lamina.saving;
