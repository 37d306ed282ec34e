package dev.lamina.examples;

import dev.lamina.core.LaminaIOException;
import dev.lamina.data.image.ImageUtils;
import dev.lamina.models.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Opens a model someone trained in Keras ({@code .keras}, or a full-model {@code .h5} of Keras 2 or
 * 3), prints its summary and runs it: on {@code --image} (resized to the model's input, scaled to
 * [0, 1]), else on the reference inputs saved beside the file ({@code <name>_inputs_and_outputs.h5},
 * with Keras' outputs to compare against), else on one random input of the model's shape.
 */
public final class KerasImport {

    private KerasImport() {
    }

    /**
     * Opens the model given by {@code --input} and predicts.
     *
     * @param args the run options of {@link RunOptions}: {@code --input MODEL [--image PATH]}
     * @throws ExampleUsageException when no model file is given
     * @throws LaminaIOException when the model or the image cannot be read
     */
    public static void main(String[] args) {
        run(args);
    }

    /**
     * Opens the model given by {@code --input}, predicts and returns instead of exiting.
     *
     * @param args the run options of {@link RunOptions}: {@code --input MODEL [--image PATH]}
     * @return {@code NaN} accuracy and no history: nothing is trained
     * @throws ExampleUsageException when no model file is given
     * @throws LaminaIOException when the model or the image cannot be read
     */
    public static ExampleResult run(String... args) {
        var run = RunOptions.parse("keras-import", args);
        if (run.input() == null) {
            throw new ExampleUsageException("keras-import needs --input MODEL (a .keras or .h5 file written by Keras)");
        }

        // model = keras.models.load_model(path); model.summary()
        Model model = Model.load(run.input());
        model.summary();

        long[] shape = model.inputs().get(0).shape();
        INDArray x;
        INDArray kerasOutput = null;
        Path reference = referenceFile(run.input());
        if (run.image() != null) {
            // img = load_img(path, target_size=(h, w)); x = img_to_array(img)[None] / 255
            String mode = shape[shape.length - 1] == 1 ? "grayscale" : "rgb";
            INDArray img = ImageUtils.load(run.image(), mode, (int) shape[1], (int) shape[2]);
            x = img.reshape(1, shape[1], shape[2], shape[3]).castTo(DataType.FLOAT).div(255);
            System.out.println("input: " + run.image());
        } else if (Files.isRegularFile(reference)) {
            INDArray[] saved = readReference(reference);
            x = saved[0];
            kerasOutput = saved[1];
            System.out.println("input: the reference inputs in " + reference.getFileName());
        } else {
            long[] one = shape.clone();
            one[0] = 1;
            x = Nd4j.rand(DataType.FLOAT, one);
            System.out.println("input: one random input of shape " + Arrays.toString(one));
        }

        // predictions = model.predict(x)
        INDArray predictions = model.predict(x);
        System.out.println("predictions " + Arrays.toString(predictions.shape()) + ":");
        System.out.println(predictions);
        if (predictions.rank() == 2 && predictions.size(1) > 1) {
            System.out.println("argmax per sample: " + Arrays.toString(predictions.argMax(1).toLongVector()));
        }
        if (kerasOutput != null) {
            double largest = kerasOutput.amaxNumber().doubleValue();
            double diff = predictions.sub(kerasOutput.castTo(predictions.dataType())).amaxNumber().doubleValue();
            System.out.printf(Locale.ROOT, "largest difference from Keras' outputs: %.3g (relative %.3g)%n", diff,
                    diff / Math.max(largest, 1e-30));
        }
        return new ExampleResult(Double.NaN, null);
    }

    /** {@code x_model.h5} is paired with {@code x_inputs_and_outputs.h5}, as Keras' converters' test files are. */
    private static Path referenceFile(Path model) {
        String name = model.getFileName().toString();
        String stem = name.replaceAll("(_model)?\\.(h5|keras|hdf5)$", "");
        return model.resolveSibling(stem + "_inputs_and_outputs.h5");
    }

    /** The first dataset under {@code inputs/} and the first under {@code outputs/}. */
    private static INDArray[] readReference(Path file) {
        try (HdfFile h = new HdfFile(file)) {
            return new INDArray[] {first(h, "inputs", file), first(h, "outputs", file)};
        } catch (RuntimeException e) {
            throw new LaminaIOException("Cannot read the reference inputs " + file + ": " + e.getMessage(),
                    new java.io.IOException(e));
        }
    }

    private static INDArray first(HdfFile h, String group, Path file) {
        Node node = h.getChild(group);
        if (!(node instanceof Group g) || g.getChildren().isEmpty()) {
            throw new IllegalArgumentException("no " + group + "/ datasets in " + file);
        }
        Dataset d = (Dataset) g.getChildren().values().iterator().next();
        long[] dims = Arrays.stream(d.getDimensions()).asLongStream().toArray();
        Object flat = d.getDataFlat();
        if (flat instanceof float[] f) {
            return Nd4j.create(f, dims, 'c');
        }
        if (flat instanceof double[] v) {
            return Nd4j.create(v, dims, 'c').castTo(DataType.FLOAT);
        }
        throw new IllegalArgumentException(group + "/" + d.getName() + " in " + file + " is not floating-point");
    }
}
