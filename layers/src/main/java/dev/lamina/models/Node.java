package dev.lamina.models;

import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import java.util.List;

/**
 * One layer application in a graph: {@code output = layer(inputs...)}.
 *
 * @param layer the layer applied
 * @param inputs the tensors it reads, in order
 * @param output the tensor it produces
 */
record Node(Layer layer, List<KerasTensor> inputs, KerasTensor output) {
}
