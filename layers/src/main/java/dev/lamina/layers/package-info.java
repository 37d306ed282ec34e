/**
 * Keras layers (Conv2D, MaxPooling2D, AveragePooling2D, BatchNormalization, Dropout, Flatten,
 * Dense, Activation, InputLayer, GlobalAveragePooling2D, GlobalMaxPooling2D, ZeroPadding2D,
 * Cropping2D, Reshape) and, in sibling packages, models, losses, metrics, callbacks, saving and
 * plots.
 */
package dev.lamina.layers;
