package dev.lamina.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.core.LaminaIOException;
import dev.lamina.data.DatasetStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 1000 ImageNet classes of Keras' {@code imagenet_class_index.json} ({@code {"0":
 * ["n01440764", "tench"], ...}}), found as Keras' weights are ({@link KerasCache}) and read once
 * per JVM, as Keras keeps its {@code CLASS_INDEX}.
 */
final class ImageNetClasses {

    /** Keras' class index file, URL and published MD5. */
    static final KerasFile CLASS_INDEX = new KerasFile("imagenet_class_index.json",
            "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
            "c2c37ea517e94d9795004a39431a14cb");

    private static final int CLASSES = 1000;
    private static volatile String[][] cached;

    private ImageNetClasses() {
    }

    static List<List<ImageNetPrediction>> decode(INDArray preds, int top, DatasetStore store) {
        return decode(preds, top, store, CLASS_INDEX);
    }

    /** Keras' {@code decode_predictions} with the class index given (its name, URL and MD5). */
    static List<List<ImageNetPrediction>> decode(INDArray preds, int top, DatasetStore store, KerasFile index) {
        if (preds.rank() != 2 || preds.size(1) != CLASSES) {
            throw new IllegalArgumentException("`decode_predictions` expects a batch of predictions (i.e. a 2D array "
                    + "of shape (samples, 1000)). Received array with shape: " + Arrays.toString(preds.shape()));
        }
        if (top <= 0) {
            throw new IllegalArgumentException("top must be positive. Received: top=" + top);
        }
        String[][] classes = classes(store, index);
        List<List<ImageNetPrediction>> out = new ArrayList<>();
        for (int r = 0; r < preds.size(0); r++) {
            double[] row = preds.getRow(r).toDoubleVector();
            int[] order = IntStream.range(0, CLASSES).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> row[i]).reversed())
                    .mapToInt(Integer::intValue).limit(top).toArray();
            List<ImageNetPrediction> best = new ArrayList<>();
            for (int i : order) {
                best.add(new ImageNetPrediction(classes[i][0], classes[i][1], row[i]));
            }
            out.add(best);
        }
        return out;
    }

    private static String[][] classes(DatasetStore store, KerasFile index) {
        String[][] c = cached;
        if (c == null || index != CLASS_INDEX) {
            c = read(KerasCache.resolve(index, store));
            if (index == CLASS_INDEX) {
                cached = c;
            }
        }
        return c;
    }

    /** The class index as {@code [i] = {wnid, description}}. */
    static String[][] read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new LaminaIOException("cannot read the ImageNet class index " + file + ": " + e.getMessage(), e);
        }
        String[][] out = new String[CLASSES][];
        for (int i = 0; i < CLASSES; i++) {
            JsonNode e = root == null ? null : root.get(Integer.toString(i));
            if (e == null || !e.isArray() || e.size() != 2) {
                throw new LaminaIOException(new IOException(file + ": the ImageNet class index has no entry \"" + i
                        + "\" of the form [\"<wnid>\", \"<description>\"]"));
            }
            out[i] = new String[] {e.get(0).asText(), e.get(1).asText()};
        }
        return out;
    }
}
