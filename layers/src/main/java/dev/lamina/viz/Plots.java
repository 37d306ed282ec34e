package dev.lamina.viz;

import dev.lamina.core.LaminaIOException;
import dev.lamina.layers.Layer;
import dev.lamina.models.Model;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pictures of models: the model graph (Keras' {@code plot_model}, drawn without
 * Graphviz), convolution filters and feature maps.
 *
 * <pre>{@code
 * Plots.model(cnn, Path.of("model.png"), true);
 * Plots.filters(cnn.getLayer(0), Path.of("filters.png"));
 * Plots.featureMaps(features.predict(x), Path.of("maps.png"));
 * }</pre>
 *
 * <p>Everything renders off screen. Unless the application chose otherwise, the first use sets
 * {@code java.awt.headless=true}, so plots work on servers and in CI without a display.
 * I/O failures surface as {@link LaminaIOException}; parent folders are created as needed.
 */
public final class Plots {

    static {
        // Must happen before AWT initialises; an explicit choice by the application wins.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * The model's graph without shapes, as Keras' {@code plot_model(model, to_file)}.
     *
     * @param model the model
     * @param path a {@code .png} or {@code .svg} file
     */
    public static void model(Model model, Path path) {
        model(model, path, false);
    }

    /**
     * The model's graph: one box per layer with "name (ClassName)" and, with {@code showShapes},
     * its input and output shapes; arrows follow the data from top to bottom. A nested model is one
     * box. A Sequential leaves its InputLayer out, as Keras 3 does.
     *
     * @param model the model
     * @param path a {@code .png} (raster, twice the diagram's size for sharp text) or {@code .svg} file
     * @param showShapes whether to show each layer's input and output shapes
     * @throws IllegalArgumentException for another file extension
     * @throws LaminaIOException when the file cannot be written
     */
    public static void model(Model model, Path path, boolean showShapes) {
        try {
            ModelPlot.write(model, path, showShapes);
        } catch (IOException e) {
            throw new LaminaIOException("Could not write the model plot to " + path, e);
        }
    }

    /**
     * A convolution layer's kernels as a grey PNG grid: one row strip of {@code inC} tiles per
     * filter, each tile a {@code kH × kW} slice scaled up without smoothing and stretched to black
     * (its minimum) .. white (its maximum).
     *
     * @param conv2dLayer a built layer whose first weight is a kernel {@code (kH, kW, inC, filters)}
     * @param path the PNG file
     * @throws IllegalArgumentException when the layer has no such kernel, or the file is not {@code .png}
     * @throws LaminaIOException when the file cannot be written
     */
    public static void filters(Layer conv2dLayer, Path path) {
        try {
            requirePng(path, "Plots.filters");
            writePng(ImageGrid.filters(conv2dLayer), path);
        } catch (IOException e) {
            throw new LaminaIOException("Could not write the filter plot to " + path, e);
        }
    }

    /**
     * Activations of a convolutional layer as a grey PNG grid: the first sample's {@code C} maps,
     * each stretched to black .. white on its own and scaled up without smoothing.
     *
     * @param activations {@code (N, H, W, C)} (e.g. a feature sub-model's {@code predict}) or {@code (H, W, C)}
     * @param path the PNG file
     * @throws IllegalArgumentException for another rank, or when the file is not {@code .png}
     * @throws LaminaIOException when the file cannot be written
     */
    public static void featureMaps(INDArray activations, Path path) {
        try {
            requirePng(path, "Plots.featureMaps");
            writePng(ImageGrid.featureMaps(activations), path);
        } catch (IOException e) {
            throw new LaminaIOException("Could not write the feature-map plot to " + path, e);
        }
    }

    static void writePng(BufferedImage image, Path path) throws IOException {
        createParent(path);
        if (!ImageIO.write(image, "png", path.toFile())) {
            throw new IOException("No PNG writer available in this JVM");
        }
    }

    static void createParent(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** Writing PNG bytes under another extension would mislead every viewer, so refuse early. */
    static void requirePng(Path path, String what) {
        if (!extension(path).equals("png")) {
            throw new IllegalArgumentException(what + " writes PNG files (.png). Received: " + path);
        }
    }

    static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
