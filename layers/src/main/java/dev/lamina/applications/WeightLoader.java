package dev.lamina.applications;

import dev.lamina.core.LaminaIOException;
import dev.lamina.layers.Layer;
import dev.lamina.layers.Shapes;
import dev.lamina.layers.Weight;
import dev.lamina.models.Model;
import dev.lamina.saving.ModelFormatException;
import dev.lamina.saving.h5.KerasH5Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a Keras HDF5 weight file into an application model, layer by layer name (the applications
 * use Keras' names exactly). All or nothing: every layer with weights must be in the file with
 * its arrays' shapes, and the file must hold no layer the model lacks (as Keras refuses a file
 * whose layer count differs), before any weight changes.
 */
final class WeightLoader {

    private WeightLoader() {
    }

    /**
     * @throws LaminaIOException naming the file and the layer when the file does not fit the model
     */
    static void load(Model model, Path file) {
        try (KerasH5Weights h5 = KerasH5Weights.open(file)) {
            List<String> inFile = h5.layersWithWeights();
            Map<Layer, List<org.nd4j.linalg.api.ndarray.INDArray>> values = new LinkedHashMap<>();
            List<String> expected = new ArrayList<>();
            for (Layer l : model.layers()) {
                if (l.weights().isEmpty()) {
                    continue;
                }
                expected.add(l.name());
                if (!inFile.contains(l.name())) {
                    throw mismatch(file, "has no weights for layer \"" + l.name() + "\" (" + l.className() + ")");
                }
                List<org.nd4j.linalg.api.ndarray.INDArray> arrays = h5.weights(l.name());
                List<Weight> ws = l.weights();
                if (arrays.size() != ws.size()) {
                    throw mismatch(file, "holds " + arrays.size() + " arrays for layer \"" + l.name() + "\", which has "
                            + ws.size() + " weights");
                }
                for (int i = 0; i < ws.size(); i++) {
                    if (!Arrays.equals(ws.get(i).value().shape(), arrays.get(i).shape())) {
                        throw mismatch(file, "layer \"" + l.name() + "\" weight \"" + ws.get(i).name() + "\" has shape "
                                + Shapes.format(ws.get(i).value().shape()) + " in the model and "
                                + Shapes.format(arrays.get(i).shape()) + " in the file");
                    }
                }
                values.put(l, arrays);
            }
            List<String> extra = new ArrayList<>(inFile);
            extra.removeAll(expected);
            if (!extra.isEmpty()) {
                throw mismatch(file, "holds weights for layers the model \"" + model.name() + "\" does not have: "
                        + extra + " (a file for another configuration, e.g. with the top?)");
            }
            values.forEach(Layer::setWeights);
        }
    }

    private static LaminaIOException mismatch(Path file, String message) {
        return new LaminaIOException(new ModelFormatException(file, null, "does not fit the model: the file "
                + message));
    }
}
