package dev.lamina.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.callbacks.CSVLogger;
import dev.lamina.callbacks.EarlyStopping;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.ReduceLROnPlateau;
import dev.lamina.core.Lamina;
import dev.lamina.core.ops.Ops;
import dev.lamina.data.CsvImageDataset;
import dev.lamina.data.FashionMnist;
import dev.lamina.data.ImageDataset;
import dev.lamina.data.Mnist;
import dev.lamina.data.SignMnist;
import dev.lamina.data.Utils;
import dev.lamina.data.image.DirectoryIterator;
import dev.lamina.data.image.FlowOptions;
import dev.lamina.data.image.ImageDataGenerator;
import dev.lamina.data.image.ImageUtils;
import dev.lamina.data.image.NumpyArrayIterator;
import dev.lamina.layers.Activation;
import dev.lamina.layers.Add;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Concatenate;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.layers.GlobalAveragePooling2D;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.MaxPooling2D;
import dev.lamina.losses.CategoricalCrossentropy;
import dev.lamina.models.CompileOptions;
import dev.lamina.models.EvaluationResult;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Input;
import dev.lamina.models.Model;
import dev.lamina.models.Sequential;
import dev.lamina.optim.Adam;
import dev.lamina.optim.RMSprop;
import dev.lamina.viz.Plots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * docs/GUIDE.md's Java blocks, compiled and run: each is held verbatim between markers below, and
 * the first test checks that every {@code java} block of the guide is one of them.
 */
class GuideSnippetsTest {

    @TempDir
    Path outDir;

    @Test
    void everyJavaBlockOfTheGuideIsASnippetHere() {
        int blocks = DocSnippets.checkBlocks("docs/GUIDE.md", "src/test/java/dev/lamina/examples/GuideSnippetsTest.java",
                "GUIDE");
        assertThat(blocks).isEqualTo(7);
    }

    @Test
    void firstModelTrainingAndSaving() {
        // GUIDE snippet start
        Sequential cnn = new Sequential();
        cnn.add(new Conv2D(32, 3).activation("relu").inputShape(28, 28, 1));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Conv2D(64, 3).activation("relu"));
        cnn.add(new MaxPooling2D(2));
        cnn.add(new Flatten());
        cnn.add(new Dense(64).activation("relu"));
        cnn.add(new Dense(10).activation("softmax"));
        cnn.summary();                                           // Keras' table: Layer (type) | Output Shape | Param #

        ImageDataset mnist = Mnist.load();                       // keras.datasets.mnist.load_data(): uint8 images
        INDArray xTrain = mnist.trainImages().reshape(60000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTrain = Utils.toCategorical(mnist.trainLabels(), 10);
        INDArray xTest = mnist.testImages().reshape(10000, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray yTest = Utils.toCategorical(mnist.testLabels(), 10);

        cnn.compile("rmsprop", "categorical_crossentropy", "accuracy");
        History history = cnn.fit(xTrain, yTrain, FitOptions.epochs(1).batchSize(64));
        EvaluationResult result = cnn.evaluate(xTest, yTest);    // result.loss(), result.get("accuracy")
        INDArray probabilities = cnn.predict(xTest);             // [10000, 10]
        // GUIDE snippet end
        assertThat(history.history().get("accuracy")).hasSize(1);
        assertThat(result.get("accuracy")).isGreaterThan(0.95);
        assertThat(probabilities.shape()).containsExactly(10000, 10);

        // GUIDE snippet start
        cnn.compile(new Adam().learningRate(1e-3).beta1(0.9).clipnorm(1.0), new CategoricalCrossentropy(), "accuracy");
        cnn.compile(new RMSprop().lr(1e-3), "categorical_crossentropy", "accuracy");      // lr: Keras 2's alias
        cnn.compile(CompileOptions.loss("categorical_crossentropy").metrics("accuracy"));   // optimizer: rmsprop

        INDArray x = xTrain.get(NDArrayIndex.interval(0, 2000));
        INDArray y = yTrain.get(NDArrayIndex.interval(0, 2000));
        History h = cnn.fit(x, y, FitOptions.epochs(3).batchSize(128).validationSplit(0.1).callbacks(
                new EarlyStopping().monitor("val_loss").patience(2).restoreBestWeights(true),
                new ReduceLROnPlateau().factor(0.5).patience(1),
                new CSVLogger(outDir.resolve("training.csv"))));
        List<Double> valAccuracy = h.history().get("val_accuracy");                         // one per epoch
        h.plot(outDir.resolve("history.png"));                    // loss and accuracy curves, train and validation
        // GUIDE snippet end
        assertThat(cnn.optimizer().name()).isEqualTo("rmsprop");
        assertThat(valAccuracy).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(outDir.resolve("training.csv")).isNotEmptyFile();
        assertThat(outDir.resolve("history.png")).isNotEmptyFile();

        // GUIDE snippet start
        cnn.save(outDir.resolve("mnist-cnn.lamina"));            // architecture, weights, optimizer state
        Model again = Model.load(outDir.resolve("mnist-cnn.lamina"));
        Sequential sameKind = Sequential.load(outDir.resolve("mnist-cnn.lamina"));
        cnn.saveWeights(outDir.resolve("mnist-cnn.weights.lamina"));

        List<INDArray> kernelAndBias = cnn.getLayer(0).getWeights();   // [kernel (3,3,1,32), bias (32)], as Keras
        Model features = new Model(cnn.inputs(), cnn.getLayer(2).output());   // an inner layer's activations
        INDArray maps = features.predict(xTest.get(NDArrayIndex.interval(0, 5)));
        Plots.model(cnn, outDir.resolve("model.png"), true);     // plot_model(show_shapes=True), no Graphviz
        // GUIDE snippet end
        INDArray first = xTest.get(NDArrayIndex.interval(0, 5));
        assertThat(again.predict(first)).isEqualTo(cnn.predict(first));
        assertThat(sameKind.layers()).hasSize(cnn.layers().size());
        assertThat(kernelAndBias.get(0).shape()).containsExactly(3, 3, 1, 32);
        assertThat(maps.shape()).containsExactly(5, 11, 11, 64);
        assertThat(outDir.resolve("model.png")).isNotEmptyFile();

        // GUIDE snippet start
        ImageUtils.save(outDir.resolve("digit.png"), xTest.get(NDArrayIndex.point(0)));   // save_img
        INDArray image = ImageUtils.load(outDir.resolve("digit.png"), "grayscale");                // load_img + img_to_array
        INDArray edges = Ops.conv2d(image.reshape(1, 28, 28, 1), Nd4j.create(new float[] {-1, 0, 1, -2, 0, 2, -1, 0, 1},
                3, 3, 1, 1), "same");
        INDArray pooled = Ops.maxPool2d(Ops.relu(edges), 2);    // keras.ops.max_pool
        // GUIDE snippet end
        assertThat(image.shape()).containsExactly(28, 28, 1);
        assertThat(pooled.shape()).containsExactly(1, 14, 14, 1);
    }

    @Test
    void functionalApi() {
        // GUIDE snippet start
        KerasTensor inputs = Input.shape(32, 32, 3);
        KerasTensor x1 = new Conv2D(32, 3).padding("same").apply(inputs);
        KerasTensor y1 = new BatchNormalization().apply(new Conv2D(32, 3).padding("same").apply(x1));
        y1 = new Activation("relu").apply(y1);
        y1 = new Conv2D(32, 3).padding("same").apply(y1);
        KerasTensor out = new Activation("relu").apply(new Add().apply(x1, y1));    // the skip connection
        Model block = new Model(inputs, out);
        block.summary();                                         // with Keras' "Connected to" column

        KerasTensor imageIn = Input.shape(32, 32, 3);
        KerasTensor metaIn = Input.shape(4);
        KerasTensor features = new Concatenate().apply(new GlobalAveragePooling2D().apply(block.apply(imageIn)), metaIn);
        KerasTensor classOut = new Dense(10).activation("softmax").name("class").apply(features);
        KerasTensor boxOut = new Dense(4).name("box").apply(features);
        Model m = new Model(List.of(imageIn, metaIn), List.of(classOut, boxOut));
        m.compile(new Adam(), Map.of("class", "sparse_categorical_crossentropy", "box", "mse"), "accuracy");
        // GUIDE snippet end
        INDArray images = Nd4j.rand(DataType.FLOAT, 16, 32, 32, 3);
        INDArray meta = Nd4j.rand(DataType.FLOAT, 16, 4);
        INDArray labels = Nd4j.rand(DataType.FLOAT, 16).mul(10).castTo(DataType.INT32);
        INDArray boxes = Nd4j.rand(DataType.FLOAT, 16, 4);
        History h = m.fit(new INDArray[] {images, meta}, new INDArray[] {labels, boxes}, FitOptions.epochs(1).verbose(0));
        assertThat(h.history()).containsKeys("loss", "class_loss", "box_loss", "class_accuracy");
        assertThat(m.outputNames()).containsExactly("class", "box");
    }

    @Test
    void data() throws IOException {
        Path csvFile = signMnistCsv(outDir.resolve("sign_mnist_train.csv"), 40);
        Path imageFolder = imageFolders(outDir.resolve("fruit"));
        // GUIDE snippet start
        ImageDataset fashion = FashionMnist.load();              // keras.datasets.fashion_mnist.load_data()
        CsvImageDataset signs = SignMnist.loadCsv(csvFile);      // label column, then 784 pixel columns
        INDArray xSigns = signs.images().reshape(-1, 28, 28, 1).castTo(DataType.FLOAT).div(255);
        INDArray ySigns = Utils.toCategorical(signs.labels(), SignMnist.NUM_CLASSES);

        ImageDataGenerator augment = new ImageDataGenerator()
                .rotationRange(15).widthShiftRange(0.2).heightShiftRange(0.2).horizontalFlip(true).zoomRange(0.2);
        NumpyArrayIterator batches = augment.flow(xSigns, ySigns, 32);

        ImageDataGenerator folders = new ImageDataGenerator().rescale(1 / 255.0).validationSplit(0.25);
        DirectoryIterator train = folders.flowFromDirectory(imageFolder,
                FlowOptions.targetSize(64, 64).batchSize(16).classMode("sparse").subset("training").seed(54321));
        Map<String, Integer> classes = train.classIndices();     // {"apple": 0, "banana": 1}
        // GUIDE snippet end
        assertThat(fashion.trainImages().shape()).containsExactly(60000, 28, 28);
        assertThat(xSigns.shape()).containsExactly(40, 28, 28, 1);
        assertThat(ySigns.shape()).containsExactly(40, SignMnist.NUM_CLASSES);
        assertThat(batches.numBatches()).isEqualTo(2);
        assertThat(classes).containsExactly(Map.entry("apple", 0), Map.entry("banana", 1));
        assertThat(train.samples()).isEqualTo(6);
    }

    @Test
    void reproducibleRuns() {
        // GUIDE snippet start
        Lamina.setSeed(42);                                      // keras.utils.set_random_seed(42)
        Sequential first = new Sequential(new Dense(8).inputShape(4), new Dropout(0.5), new Dense(2));
        Lamina.setSeed(42);
        Sequential second = new Sequential(new Dense(8).inputShape(4), new Dropout(0.5), new Dense(2));
        boolean same = first.getWeights().get(0).equals(second.getWeights().get(0));              // true
        // GUIDE snippet end
        assertThat(same).isTrue();
    }

    /** A Sign-MNIST-shaped CSV: header, then label and 784 pixels per row. */
    private static Path signMnistCsv(Path file, int rows) throws IOException {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder("label");
        for (int i = 1; i <= 784; i++) {
            sb.append(",pixel").append(i);
        }
        sb.append('\n');
        for (int r = 0; r < rows; r++) {
            int label = random.nextInt(24);
            sb.append(label >= 9 ? label + 1 : label);
            for (int i = 0; i < 784; i++) {
                sb.append(',').append(random.nextInt(256));
            }
            sb.append('\n');
        }
        return Files.writeString(file, sb);
    }

    /** Two class folders of four small PNGs each. */
    private static Path imageFolders(Path root) {
        for (String fruit : List.of("apple", "banana")) {
            Path dir = root.resolve(fruit);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (int i = 0; i < 4; i++) {
                ImageUtils.save(dir.resolve(fruit + i + ".png"), Nd4j.rand(DataType.FLOAT, 20, 24, 3));
            }
        }
        return root;
    }
}
