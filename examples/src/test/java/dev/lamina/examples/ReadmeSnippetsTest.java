package dev.lamina.examples;

import dev.lamina.core.ops.Ops;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.callbacks.History;
import dev.lamina.core.Lamina;
import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Conv2dOp;
import dev.lamina.core.ops.Padding;
import dev.lamina.core.ops.SoftmaxCrossEntropyOp;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.data.Utils;
import dev.lamina.initializers.GlorotUniform;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Concatenate;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * README's Java snippets, compiled and run: each method below holds one snippet verbatim between
 * its markers, and the first test checks that every {@code java} block of README.md is one of
 * them, so the README cannot drift from code that compiles and runs.
 */
class ReadmeSnippetsTest {

    @Test
    void everyJavaBlockOfTheReadmeIsASnippetHere() {
        int blocks = DocSnippets.checkBlocks("README.md", "src/test/java/dev/lamina/examples/ReadmeSnippetsTest.java",
                "README");
        assertThat(blocks).isEqualTo(3);
    }

    @Test
    void usingLaminaLikeKeras() {
        // README snippet start
        Sequential cnn = new Sequential();
        cnn.add(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Flatten());
        cnn.add(new Dense(10).activation("softmax"));
        cnn.summary();

        ImageDataset mnist = Mnist.load();
        INDArray x = mnist.trainImages().reshape(60000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray y = Utils.toCategorical(mnist.trainLabels(), 10);
        cnn.compile("rmsprop", "categorical_crossentropy", "accuracy");
        History history = cnn.fit(x, y, FitOptions.epochs(5).batchSize(64).validationSplit(0.1));
        // README snippet end
        assertThat(history.history().get("val_accuracy")).hasSize(5);
        assertThat(history.last("val_accuracy")).isGreaterThan(0.95);
    }

    @Test
    void graphsWithBranches() {
        // README snippet start
        KerasTensor inputs = Input.shape(28, 28, 1);
        KerasTensor x = new Conv2D(32, 3).padding("same").apply(inputs);
        KerasTensor y = new Activation("relu").apply(new BatchNormalization().apply(new Conv2D(32, 3).padding("same").apply(x)));
        y = new BatchNormalization().apply(new Conv2D(32, 3).padding("same").apply(y));
        KerasTensor out = new Activation("relu").apply(new Add().apply(x, y));   // the skip connection
        Model block = new Model(inputs, out);

        // Two inputs, two outputs; the block is used as a layer
        KerasTensor imageIn = Input.shape(28, 28, 1);
        KerasTensor metaIn = Input.shape(4);
        KerasTensor features = new Concatenate().apply(new GlobalAveragePooling2D().apply(block.apply(imageIn)), metaIn);
        KerasTensor classOut = new Dense(10).activation("softmax").name("class").apply(features);
        KerasTensor boxOut = new Dense(4).name("box").apply(features);
        Model m = new Model(List.of(imageIn, metaIn), List.of(classOut, boxOut));
        m.compile(new Adam(1e-3), Map.of("class", "sparse_categorical_crossentropy", "box", "mse"),
                Map.of("box", 0.5), "accuracy");                             // loss weights, as Keras' loss_weights

        INDArray images = Nd4j.rand(DataType.FLOAT, 64, 28, 28, 1);
        INDArray meta = Nd4j.rand(DataType.FLOAT, 64, 4);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 64).mul(10).castTo(DataType.INT32);
        INDArray boxes = Nd4j.rand(DataType.FLOAT, 64, 4);
        History h = m.fit(new INDArray[] {images, meta}, new INDArray[] {labels, boxes}, FitOptions.epochs(2));
        INDArray[] predictions = m.predict(new INDArray[] {images, meta});   // h: loss, class_loss, class_accuracy, ...
        // README snippet end
        assertThat(h.history()).containsKeys("loss", "class_loss", "box_loss", "class_accuracy");
        assertThat(predictions[1].shape()).containsExactly(64, 4);
    }

    @Test
    void usingTheCore() {
        // README snippet start
        Lamina.setSeed(42);
        INDArray images = Nd4j.rand(DataType.FLOAT, 8, 28, 28, 1);
        INDArray oneHotLabels = Nd4j.eye(10).castTo(DataType.FLOAT).get(NDArrayIndex.interval(0, 8), NDArrayIndex.all());
        Tensor x = Tensor.constant(images);                         // [N, 28, 28, 1], float32, NHWC
        Tensor kernel = Tensor.variable(new GlorotUniform().initialize(new long[] {3, 3, 1, 32}, DataType.FLOAT, 1));
        Tensor bias = Tensor.variable(Nd4j.zeros(DataType.FLOAT, 32));
        Tensor dense = Tensor.variable(new GlorotUniform().initialize(new long[] {26 * 26 * 32, 10}, DataType.FLOAT, 2));
        Tensor y = Ops.relu(Conv2dOp.apply(x, kernel, bias, new int[] {1, 1}, Padding.VALID));
        Tensor logits = Ops.matmul(Ops.flatten(y), dense);
        Tensor loss = SoftmaxCrossEntropyOp.apply(logits, oneHotLabels);
        loss.backward();                                            // kernel.grad(), bias.grad(), dense.grad()
        // README snippet end
        assertThat(kernel.grad().shape()).containsExactly(3, 3, 1, 32);
        assertThat(dense.grad().shape()).containsExactly(26 * 26 * 32, 10);
        assertThat(loss.value().getDouble(0)).isPositive();
    }
}
