package dev.lamina.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    private static String[] lines(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8).strip().split("\n");
    }

    @Test
    void noNameListsOneLinePerExample() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(lines(out)).hasSize(Main.examples().size());
        assertThat(Main.examples()).containsOnlyKeys("mnist-cnn", "mnist-cnn-bn", "lenet-fashion-mnist", "sign-mnist",
                "cifar10-mlp", "cifar10-cnn", "cifar10-augmented", "image-folders", "resnet-transfer",
                "convolution-filters", "keras-import");
    }

    @Test
    void everyExampleIsAProgramOfItsOwn() throws Exception {
        for (Class<?> c : new Class<?>[] {MnistCnn.class, MnistCnnBn.class, LenetFashionMnist.class,
            SignMnistCnn.class, Cifar10Mlp.class, Cifar10Cnn.class, Cifar10Augmented.class, ImageFolders.class,
            ResnetTransfer.class, ConvolutionFilters.class, KerasImport.class}) {
            java.lang.reflect.Method main = c.getMethod("main", String[].class);
            assertThat(java.lang.reflect.Modifier.isStatic(main.getModifiers())).as(c.getSimpleName()).isTrue();
            assertThat(main.getReturnType()).isEqualTo(void.class);
        }
    }

    @Test
    void unknownNameOrOptionExitsWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"no-such-example"}, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(Main.USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Unknown example: no-such-example")
                .contains("mnist-cnn");
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"mnist-cnn", "--epochs", "zero"},
                new PrintStream(out2, true, StandardCharsets.UTF_8))).isEqualTo(Main.USAGE);
        assertThat(out2.toString(StandardCharsets.UTF_8)).contains("--epochs needs a positive integer");
        ByteArrayOutputStream out3 = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"mnist-cnn", "--workload", "W1"},
                new PrintStream(out3, true, StandardCharsets.UTF_8))).isEqualTo(Main.USAGE);
        assertThat(out3.toString(StandardCharsets.UTF_8)).contains("Unknown option --workload");
    }
}
