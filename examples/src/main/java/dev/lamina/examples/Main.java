package dev.lamina.examples;

import java.io.PrintStream;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The examples launcher: {@code java -jar examples/target/lamina-examples.jar [name] [options]}.
 * Each example is also a program of its own, with a {@code main} that takes the same options.
 *
 * <p>With no name it prints one line per example and exits 0; an unknown name prints the list and
 * exits 2, as does an example given a bad option or missing its data; an example that fails exits 1.
 */
public final class Main {

    /** Exit status for an unknown example, a bad option or missing data. */
    public static final int USAGE = 2;

    private static final Map<String, Example> EXAMPLES = new TreeMap<>();

    static {
        register(new Example("mnist-cnn",
                "the MNIST CNN of Keras' notebook: RMSprop, batch 64, 5 epochs (Keras: 98.4% test accuracy)",
                MnistCnn::run));
        register(new Example("mnist-cnn-bn",
                "the MNIST CNN with Adam (20 epochs), then a small CNN with and without BatchNormalization (10 epochs)",
                MnistCnnBn::run));
        register(new Example("lenet-fashion-mnist",
                "LeNet (tanh, average pooling) on Fashion-MNIST: SGD 0.01, 10 epochs, batch 32",
                LenetFashionMnist::run));
        register(new Example("sign-mnist",
                "the Sign-MNIST CNN on sign_mnist_train.csv / sign_mnist_test.csv: RMSprop, 10 epochs",
                SignMnistCnn::run));
        register(new Example("cifar10-mlp", "CIFAR-10 MLP (Dense 2048..32): SGD 0.01, 50 epochs, batch 32",
                Cifar10Mlp::run));
        register(new Example("cifar10-cnn", "CIFAR-10 deep functional CNN: Adam 1e-4, 50 epochs, batch 128",
                Cifar10Cnn::run));
        register(new Example("cifar10-augmented", "the CIFAR-10 CNN trained from ImageDataGenerator.flow"
                + " (rotation 15, shifts 0.2, flip, zoom 0.2): Adam 1e-3, 50 epochs, batch 128",
                Cifar10Augmented::run));
        register(new Example("image-folders",
                "flowFromDirectory over class folders (--input DIR, else PNGs written from CIFAR-10): 5 epochs",
                ImageFolders::run));
        register(new Example("resnet-transfer", "ResNet50 transfer learning: a frozen backbone (Keras' ImageNet"
                + " weights when cached, else random) under GAP + Dense(12), flowFromDirectory at 150x150"
                + " (--input DIR, else 12 classes written from CIFAR-10 and MNIST): Adam 0.01, 5 epochs",
                ResnetTransfer::run));
        register(new Example("convolution-filters", "Gaussian blur and Sobel kernels applied with conv2d to an"
                + " image (--input PATH or MNIST), saved as PNGs", ConvolutionFilters::run));
        register(new Example("keras-import", "opens a Keras model file (--input MODEL), prints its summary and"
                + " predicts on --image, the reference inputs beside it, or a random input", KerasImport::run));
    }

    private Main() {
    }

    /**
     * Runs the named example and exits with {@link #run}'s status.
     *
     * @param args the example's name, then its options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Runs the named example and returns the exit status instead of exiting.
     *
     * @param args the example's name, then its options
     * @param out where the listing and usage messages go
     * @return 0 on success, 1 when the example failed, {@link #USAGE} for an unknown name, a bad option
     *     or missing data
     */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            System.err.println("Usage: java -jar lamina-examples.jar <example> [--epochs N] [--batch-size N] "
                    + "[--data ROOT] [--limit N] [--out DIR] [--input PATH]");
            list(out);
            return 0;
        }
        Example example = EXAMPLES.get(args[0]);
        if (example == null) {
            out.println("Unknown example: " + args[0] + ". Examples:");
            list(out);
            return USAGE;
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        try {
            example.program().run(rest);
            return 0;
        } catch (ExampleUsageException e) {
            out.println(e.getMessage());
            return USAGE;
        } catch (Exception e) {
            out.println(example.name() + " failed: " + e.getMessage());
            e.printStackTrace();
            return 1;
        }
    }

    /**
     * The registered examples by name.
     *
     * @return an unmodifiable view, sorted by name
     */
    public static Map<String, Example> examples() {
        return Collections.unmodifiableMap(EXAMPLES);
    }

    private static void list(PrintStream out) {
        EXAMPLES.forEach((name, e) -> out.printf("  %-22s %s%n", name, e.description()));
    }

    private static void register(Example example) {
        EXAMPLES.put(example.name(), example);
    }
}
