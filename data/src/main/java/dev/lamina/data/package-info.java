/**
 * Data sets in their real file formats, as Keras' {@code keras.datasets} loads them: {@link
 * dev.lamina.data.Mnist}, {@link dev.lamina.data.FashionMnist} (IDX), {@link dev.lamina.data.Cifar10}
 * (binary batches), {@link dev.lamina.data.SignMnist} and {@link dev.lamina.data.CsvImageDataset}
 * (label + pixel CSVs), all returning uint8 arrays; the dataset search order, cache and verified
 * downloads ({@link dev.lamina.data.DatasetStore}); and Keras-style utilities ({@link
 * dev.lamina.data.Utils#toCategorical}, {@link dev.lamina.data.Utils#trainValidationSplit}, {@link
 * dev.lamina.data.LabelBinarizer}). See {@code docs/DATA.md}.
 */
package dev.lamina.data;
