package dev.lamina.applications;

import dev.lamina.data.DatasetStore;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.GlobalMaxPooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.layers.ZeroPadding2D;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' {@code keras.applications.ResNet50}: the 50-layer residual network (v1) exactly as Keras
 * builds it, with Keras' layer names, so that Keras' weight files load into it and summaries read
 * the same. Each block puts its stride on the first 1x1 convolution, every convolution has a bias,
 * every BatchNormalization has epsilon 1.001e-5; the stem is {@code conv1_pad} (zero padding 3),
 * a 7x7 convolution with stride 2, and {@code pool1_pad} (zero padding 1) with a 3x3 max pooling of
 * stride 2. With the top the model has 25,636,712 parameters; without it 23,587,712, of which
 * 53,120 (the moving statistics) are non-trainable.
 *
 * <pre>{@code
 * Model backbone = ResNet50.create(ApplicationOptions.defaults()
 *         .includeTop(false).weights("imagenet").inputShape(150, 150, 3));
 * backbone.setTrainable(false);
 * Sequential model = new Sequential(backbone, new GlobalAveragePooling2D(),
 *         new Dense(12).activation("softmax"));
 * }</pre>
 *
 * <p>Images go in as {@link #preprocessInput(INDArray)} makes them (Keras' "caffe" mode: BGR,
 * ImageNet means subtracted, no scaling); {@link #decodePredictions(INDArray, int)} turns the top's
 * 1000 probabilities into ImageNet class names.
 */
public final class ResNet50 {

    /** Keras' default model name. */
    public static final String DEFAULT_NAME = "resnet50";

    private static final String BASE_WEIGHTS_URL =
            "https://storage.googleapis.com/tensorflow/keras-applications/resnet/";
    /** Keras' weight file with the top, and the MD5 Keras publishes for it. */
    static final KerasFile WEIGHTS = new KerasFile("resnet50_weights_tf_dim_ordering_tf_kernels.h5",
            BASE_WEIGHTS_URL + "resnet50_weights_tf_dim_ordering_tf_kernels.h5", "2cb95161c43110f7111970584f804107");
    /** Keras' weight file without the top, and the MD5 Keras publishes for it. */
    static final KerasFile WEIGHTS_NOTOP = new KerasFile("resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
            BASE_WEIGHTS_URL + "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "4d473c1dd8becc155b73f8504c6f6626");

    private static final int DEFAULT_SIZE = 224;
    private static final int MIN_SIZE = 32;
    private static final double BN_EPSILON = 1.001e-5;
    /** The ImageNet channel means in BGR order, as Keras' "caffe" preprocessing subtracts them. */
    private static final double[] BGR_MEAN = {103.939, 116.779, 123.68};

    private ResNet50() {
    }

    /**
     * ResNet50 with Keras' defaults: the top with 1000 classes and the ImageNet weights.
     *
     * @return the model, named {@code resnet50}
     * @throws dev.lamina.core.LaminaIOException when the weights cannot be found, downloaded or verified
     */
    public static Model create() {
        return create(ApplicationOptions.defaults());
    }

    /**
     * ResNet50 as Keras' {@code ResNet50(include_top, weights, input_tensor, input_shape, pooling,
     * classes, classifier_activation, name)} builds it.
     *
     * @param options the arguments
     * @return the model
     * @throws IllegalArgumentException with Keras' message for a combination Keras refuses: weights
     *     neither {@code null}, {@code "imagenet"} nor an existing file; {@code "imagenet"} with the
     *     top and {@code classes != 1000}; with the top and {@code "imagenet"}, an input shape other
     *     than {@code (224, 224, 3)}; an input shape not of three numbers, smaller than 32x32, or (for
     *     {@code "imagenet"}) without 3 channels; a classifier activation other than {@code null}
     *     or {@code softmax} with pretrained weights; no input shape without the top
     * @throws dev.lamina.core.LaminaIOException when the weights cannot be found, downloaded, verified
     *     or do not fit the model
     */
    public static Model create(ApplicationOptions options) {
        return create(options, WEIGHTS, WEIGHTS_NOTOP);
    }

    /** {@link #create(ApplicationOptions)} with the ImageNet weight files given (their names, URLs, MD5s). */
    static Model create(ApplicationOptions o, KerasFile top, KerasFile notop) {
        String weights = o.weights();
        boolean imagenet = ApplicationOptions.IMAGENET.equals(weights);
        if (!(weights == null || imagenet || isFile(weights))) {
            throw new IllegalArgumentException("The `weights` argument should be either `None` (random "
                    + "initialization), 'imagenet' (pre-training on ImageNet), or the path to the weights file to be "
                    + "loaded.  Received: weights=" + weights);
        }
        if (imagenet && o.includeTop() && o.classes() != 1000) {
            throw new IllegalArgumentException("If using `weights='imagenet'` with `include_top=True`, `classes` "
                    + "should be 1000.  Received classes=" + o.classes());
        }
        int[] shape = InputShapes.obtain(o.inputShape() != null ? o.inputShape() : tensorShape(o.inputTensor()),
                DEFAULT_SIZE, MIN_SIZE, o.includeTop(), weights);
        if (o.includeTop() && weights != null) {
            InputShapes.validateActivation(o.classifierActivation());
        }

        KerasTensor imgInput = o.inputTensor() != null ? o.inputTensor() : Input.shape(shape);
        KerasTensor x = new ZeroPadding2D(3).name("conv1_pad").apply(imgInput);
        x = new Conv2D(64, 7).strides(2).name("conv1_conv").apply(x);
        x = batchNorm("conv1_bn").apply(x);
        x = new Activation("relu").name("conv1_relu").apply(x);
        x = new ZeroPadding2D(1).name("pool1_pad").apply(x);
        x = new MaxPooling2D(3).strides(2).name("pool1_pool").apply(x);

        x = stack(x, 64, 3, 1, "conv2");
        x = stack(x, 128, 4, 2, "conv3");
        x = stack(x, 256, 6, 2, "conv4");
        x = stack(x, 512, 3, 2, "conv5");

        if (o.includeTop()) {
            x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
            x = new Dense(o.classes()).activation(o.classifierActivation()).name("predictions").apply(x);
        } else if ("avg".equals(o.pooling())) {
            x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
        } else if ("max".equals(o.pooling())) {
            x = new GlobalMaxPooling2D().name("max_pool").apply(x);
        }
        List<KerasTensor> inputs = o.inputTensor() != null ? InputShapes.sourceInputs(o.inputTensor())
                : List.of(imgInput);
        Model model = new Model(inputs, x).name(o.name() != null ? o.name() : DEFAULT_NAME);

        if (imagenet) {
            KerasFile file = o.includeTop() ? top : notop;
            WeightLoader.load(model, KerasCache.resolve(file, o.store()));
        } else if (weights != null) {
            WeightLoader.load(model, Path.of(weights));
        }
        return model;
    }

    /** Keras' {@code stack_residual_blocks_v1}: a block with a projection shortcut, then identity blocks. */
    private static KerasTensor stack(KerasTensor x, int filters, int blocks, int stride1, String name) {
        x = block(x, filters, stride1, true, name + "_block1");
        for (int i = 2; i <= blocks; i++) {
            x = block(x, filters, 1, false, name + "_block" + i);
        }
        return x;
    }

    /** Keras' {@code residual_block_v1}: 1x1 (with the stride), 3x3, 1x1 convolutions and the shortcut. */
    private static KerasTensor block(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
        KerasTensor shortcut;
        if (convShortcut) {
            shortcut = new Conv2D(4 * filters, 1).strides(stride).name(name + "_0_conv").apply(x);
            shortcut = batchNorm(name + "_0_bn").apply(shortcut);
        } else {
            shortcut = x;
        }
        x = new Conv2D(filters, 1).strides(stride).name(name + "_1_conv").apply(x);
        x = batchNorm(name + "_1_bn").apply(x);
        x = new Activation("relu").name(name + "_1_relu").apply(x);
        x = new Conv2D(filters, 3).padding("same").name(name + "_2_conv").apply(x);
        x = batchNorm(name + "_2_bn").apply(x);
        x = new Activation("relu").name(name + "_2_relu").apply(x);
        x = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(x);
        x = batchNorm(name + "_3_bn").apply(x);
        x = new Add().name(name + "_add").apply(shortcut, x);
        return new Activation("relu").name(name + "_out").apply(x);
    }

    private static BatchNormalization batchNorm(String name) {
        return new BatchNormalization().epsilon(BN_EPSILON).name(name);
    }

    private static int[] tensorShape(KerasTensor t) {
        if (t == null) {
            return null;
        }
        long[] s = t.shape();
        int[] out = new int[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            out[i - 1] = (int) s[i];
        }
        return out;
    }

    private static boolean isFile(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * Keras' {@code keras.applications.resnet50.preprocess_input} ("caffe" mode) for images
     * channels last with values in [0, 255]: RGB becomes BGR and each channel's ImageNet mean
     * (103.939, 116.779, 123.68 for B, G, R) is subtracted; nothing is scaled. Unlike Keras on a
     * NumPy array, the argument is left unchanged.
     *
     * @param images RGB images, {@code (batch, height, width, 3)} or one image {@code (height, width, 3)}
     * @return new float32 array of the same shape
     * @throws IllegalArgumentException when the last axis is not 3 channels
     */
    public static INDArray preprocessInput(INDArray images) {
        int rank = images.rank();
        if (rank < 1 || images.size(rank - 1) != 3) {
            throw new IllegalArgumentException("preprocess_input expects channels-last RGB images with 3 channels on "
                    + "the last axis. Received: shape=" + java.util.Arrays.toString(images.shape()));
        }
        INDArray src = images.castTo(DataType.FLOAT);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, images.shape());
        for (int c = 0; c < 3; c++) {
            // Output channel c (B, G, R) is input channel 2 - c (R, G, B) minus its mean.
            out.get(channel(rank, c)).assign(src.get(channel(rank, 2 - c)).sub(BGR_MEAN[c]));
        }
        return out;
    }

    private static INDArrayIndex[] channel(int rank, int c) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        for (int i = 0; i < rank - 1; i++) {
            idx[i] = NDArrayIndex.all();
        }
        idx[rank - 1] = NDArrayIndex.point(c);
        return idx;
    }

    /**
     * Keras' {@code decode_predictions}: the {@code top} most probable ImageNet classes of each
     * row, most probable first. The class index ({@code imagenet_class_index.json}) is read from
     * Keras' cache or the dataset store, else downloaded and checked against Keras' MD5, once per JVM.
     *
     * @param preds the top's output, {@code (samples, 1000)}
     * @param top how many classes per sample (Keras' default is 5)
     * @return one list per sample
     * @throws IllegalArgumentException when {@code preds} is not {@code (samples, 1000)}
     * @throws dev.lamina.core.LaminaIOException when the class index cannot be found, downloaded or verified
     */
    public static List<List<ImageNetPrediction>> decodePredictions(INDArray preds, int top) {
        return ImageNetClasses.decode(preds, top, DatasetStore.defaults());
    }

    /**
     * {@link #decodePredictions(INDArray, int)} with the class index looked up in this store
     * (after Keras' cache).
     *
     * @param preds the top's output, {@code (samples, 1000)}
     * @param top how many classes per sample
     * @param store where to find or download the class index
     * @return one list per sample
     * @throws IllegalArgumentException when {@code preds} is not {@code (samples, 1000)}
     * @throws dev.lamina.core.LaminaIOException when the class index cannot be found, downloaded or verified
     */
    public static List<List<ImageNetPrediction>> decodePredictions(INDArray preds, int top, DatasetStore store) {
        return ImageNetClasses.decode(preds, top, store);
    }
}
