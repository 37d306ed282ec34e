package dev.lamina.applications;

import dev.lamina.data.DatasetStore;
import dev.lamina.layers.KerasTensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The arguments Keras' application constructors share ({@code keras.applications.ResNet50(...)}),
 * with Keras' defaults: {@code includeTop} true, {@code weights} {@code "imagenet"}, no input
 * shape or tensor, no pooling, 1000 classes, {@code softmax} classifier. The options are values:
 * each setter returns new options and leaves the receiver unchanged. Combinations are checked when
 * a model is built, with Keras' messages.
 *
 * <pre>{@code
 * Model backbone = ResNet50.create(ApplicationOptions.defaults()
 *         .includeTop(false).weights("imagenet").inputShape(150, 150, 3));
 * }</pre>
 */
public final class ApplicationOptions {

    /** The value of {@link #weights(String)} that asks for the ImageNet-trained weights. */
    public static final String IMAGENET = "imagenet";

    private boolean includeTop = true;
    private String weights = IMAGENET;
    private int[] inputShape;
    private KerasTensor inputTensor;
    private String pooling;
    private int classes = 1000;
    private String classifierActivation = "softmax";
    private String name;
    private DatasetStore store;

    private ApplicationOptions() {
    }

    /**
     * Keras' defaults.
     *
     * @return new options
     */
    public static ApplicationOptions defaults() {
        return new ApplicationOptions();
    }

    private ApplicationOptions copy() {
        ApplicationOptions c = new ApplicationOptions();
        c.includeTop = includeTop;
        c.weights = weights;
        c.inputShape = inputShape;
        c.inputTensor = inputTensor;
        c.pooling = pooling;
        c.classes = classes;
        c.classifierActivation = classifierActivation;
        c.name = name;
        c.store = store;
        return c;
    }

    /**
     * Whether to put the classifier (global average pooling and a {@code Dense(classes)}) on top
     * (Keras' {@code include_top}, default true).
     *
     * @param includeTop false for a feature extractor
     * @return new options
     */
    public ApplicationOptions includeTop(boolean includeTop) {
        ApplicationOptions c = copy();
        c.includeTop = includeTop;
        return c;
    }

    /**
     * The initial weights (Keras' {@code weights}): {@code null} for random initialization,
     * {@value #IMAGENET} for the ImageNet-trained weights Keras publishes (found in Keras' cache
     * or Lamina's dataset store, else downloaded and verified), or the path of a Keras HDF5 weight
     * file. Checked when the model is built.
     *
     * @param weights {@code null}, {@code "imagenet"} or a file path
     * @return new options
     */
    public ApplicationOptions weights(String weights) {
        ApplicationOptions c = copy();
        c.weights = weights;
        return c;
    }

    /**
     * The path of a Keras HDF5 weight file to load (Keras' {@code weights=<path>}).
     *
     * @param file the file
     * @return new options
     */
    public ApplicationOptions weights(Path file) {
        return weights(Objects.requireNonNull(file, "weights").toString());
    }

    /**
     * The shape of one image, channels last (Keras' {@code input_shape}); required without the top
     * unless an input tensor is given, and with the top and ImageNet weights it must be the
     * network's own size.
     *
     * @param dims height, width, channels
     * @return new options
     */
    public ApplicationOptions inputShape(int... dims) {
        ApplicationOptions c = copy();
        c.inputShape = dims == null ? null : dims.clone();
        return c;
    }

    /**
     * A symbolic tensor to use as the image input (Keras' {@code input_tensor}), e.g. the output of
     * a preprocessing layer; the model's inputs are the graph inputs it comes from.
     *
     * @param tensor the tensor, or {@code null}
     * @return new options
     */
    public ApplicationOptions inputTensor(KerasTensor tensor) {
        ApplicationOptions c = copy();
        c.inputTensor = tensor;
        return c;
    }

    /**
     * The pooling after the last block when there is no top (Keras' {@code pooling}):
     * {@code null} (4D feature maps), {@code "avg"} or {@code "max"} (a vector per image).
     *
     * @param pooling {@code null}, {@code "avg"} or {@code "max"}
     * @return new options
     * @throws IllegalArgumentException for any other value
     */
    public ApplicationOptions pooling(String pooling) {
        if (pooling != null && !pooling.equals("avg") && !pooling.equals("max")) {
            throw new IllegalArgumentException("pooling must be None, 'avg' or 'max'. Received: pooling=" + pooling);
        }
        ApplicationOptions c = copy();
        c.pooling = pooling;
        return c;
    }

    /**
     * The number of classes of the top (Keras' {@code classes}, default 1000).
     *
     * @param classes a positive number
     * @return new options
     * @throws IllegalArgumentException when not positive
     */
    public ApplicationOptions classes(int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("classes must be positive. Received: classes=" + classes);
        }
        ApplicationOptions c = copy();
        c.classes = classes;
        return c;
    }

    /**
     * The activation of the top's classifier (Keras' {@code classifier_activation}, default
     * {@code "softmax"}; {@code null} for the logits). With pretrained weights only {@code null}
     * and {@code "softmax"} are allowed.
     *
     * @param activation a Keras activation name, or {@code null}
     * @return new options
     */
    public ApplicationOptions classifierActivation(String activation) {
        ApplicationOptions c = copy();
        c.classifierActivation = activation;
        return c;
    }

    /**
     * The model's name (Keras' {@code name}; default the application's, e.g. {@code "resnet50"}).
     *
     * @param name a non-empty name, or {@code null} for the default
     * @return new options
     */
    public ApplicationOptions name(String name) {
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("A model name must not be empty. Received: name=" + name);
        }
        ApplicationOptions c = copy();
        c.name = name;
        return c;
    }

    /**
     * Where {@value #IMAGENET} weights are looked up and downloaded to, after Keras' own cache
     * (default {@link DatasetStore#defaults()}: its folders, its mirror, its offline switch).
     *
     * @param store the store, or {@code null} for the default
     * @return new options
     */
    public ApplicationOptions store(DatasetStore store) {
        ApplicationOptions c = copy();
        c.store = store;
        return c;
    }

    /** @return whether the classifier is on top */
    public boolean includeTop() {
        return includeTop;
    }

    /** @return {@code null}, {@code "imagenet"} or a file path */
    public String weights() {
        return weights;
    }

    /** @return a copy of the input shape, or {@code null} */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** @return the input tensor, or {@code null} */
    public KerasTensor inputTensor() {
        return inputTensor;
    }

    /** @return {@code null}, {@code "avg"} or {@code "max"} */
    public String pooling() {
        return pooling;
    }

    /** @return the number of classes of the top */
    public int classes() {
        return classes;
    }

    /** @return the classifier's activation name, or {@code null} for the logits */
    public String classifierActivation() {
        return classifierActivation;
    }

    /** @return the model name, or {@code null} for the application's default */
    public String name() {
        return name;
    }

    /** @return the store for ImageNet weights ({@link DatasetStore#defaults()} when none was set) */
    public DatasetStore store() {
        return store != null ? store : DatasetStore.defaults();
    }

    @Override
    public String toString() {
        return "ApplicationOptions[includeTop=" + includeTop + ", weights=" + weights + ", inputShape="
                + (inputShape == null ? null : Arrays.toString(inputShape)) + ", pooling=" + pooling + ", classes="
                + classes + ", classifierActivation=" + classifierActivation + "]";
    }
}
