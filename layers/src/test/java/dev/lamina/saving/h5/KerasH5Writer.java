package dev.lamina.saving.h5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes test fixtures in the layout of Keras 2's {@code save_weights} HDF5 files: root attributes
 * {@code layer_names}, {@code backend}, {@code keras_version}; per layer a group with attribute
 * {@code weight_names} ({@code <layer>/<weight>:0}) and the datasets at
 * {@code <layer>/<layer>/<weight>:0}. Only layers with weights are written: jHDF cannot write the
 * empty {@code weight_names} array Keras gives weightless layers.
 */
public final class KerasH5Writer {

    private KerasH5Writer() {
    }

    /**
     * Writes the file.
     *
     * @param file the target (replaced)
     * @param layers per layer name, its weights by name in Keras' order ({@code kernel}, {@code bias}, …)
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Map<String, Map<String, INDArray>> layers) throws IOException {
        // jHDF does not truncate an existing file.
        Files.deleteIfExists(file);
        try (WritableHdfFile f = HdfFile.write(file)) {
            f.putAttribute("layer_names", layers.keySet().toArray(new String[0]));
            f.putAttribute("backend", "tensorflow");
            f.putAttribute("keras_version", "2.2.4");
            for (Map.Entry<String, Map<String, INDArray>> layer : layers.entrySet()) {
                String name = layer.getKey();
                WritableGroup g = f.putGroup(name);
                List<String> weightNames = layer.getValue().keySet().stream().map(w -> name + "/" + w + ":0").toList();
                g.putAttribute("weight_names", weightNames.toArray(new String[0]));
                WritableGroup inner = g.putGroup(name);
                for (Map.Entry<String, INDArray> w : layer.getValue().entrySet()) {
                    inner.putDataset(w.getKey() + ":0", nested(w.getValue()));
                }
            }
        }
    }

    /** An array as the nested Java float array of its shape, which jHDF writes with that shape. */
    static Object nested(INDArray a) {
        return H5Tree.nested(a.castTo(DataType.FLOAT));
    }
}
