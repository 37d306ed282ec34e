package dev.lamina.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example end to end on a few hundred images for one epoch: it runs, reports its accuracy
 * and writes its outputs. The full runs are for docs/RESULTS.md.
 */
class ExamplesSmokeTest {

    private static String data() {
        String d = System.getProperty("lamina.testdata");
        assertThat(d).as("-Dlamina.testdata (set by the parent pom)").isNotNull();
        return d;
    }

    /** Runs an example's entry for one epoch on 300 training images, with outputs under {@code out}. */
    private static ExampleResult run(Example.Program example, Path out, String... extra) throws Exception {
        Lamina.setSeed(7);
        List<String> args = new ArrayList<>(List.of("--epochs", "1", "--limit", "300", "--out", out.toString()));
        args.addAll(List.of(extra));
        return example.run(args.toArray(new String[0]));
    }

    @Test
    void mnistCnnBn(@TempDir Path out) throws Exception {
        ExampleResult r = run(MnistCnnBn::run, out, "--data", data());
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
        for (String f : new String[] {"cnn-history.png", "small-history.png", "small-bn-history.png",
            "small-filters.png", "small-feature-maps.png"}) {
            assertThat(out.resolve(f)).isRegularFile();
            assertThat(Files.size(out.resolve(f))).isGreaterThan(500);
        }
    }

    @Test
    void lenetFashionMnist(@TempDir Path out) throws Exception {
        // Fashion-MNIST comes from Debian's dataset-fashion-mnist (installed by .ci/run).
        ExampleResult r = run(LenetFashionMnist::run, out);
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(r.history().history()).containsKeys("loss", "acc");
    }

    @Test
    void cifarExamples(@TempDir Path out) throws Exception {
        for (String name : new String[] {"cifar10-mlp", "cifar10-cnn", "cifar10-augmented"}) {
            ExampleResult r = run(Main.examples().get(name).program(), out.resolve(name), "--data", data(),
                    "--batch-size", "64");
            assertThat(r.testAccuracy()).as(name).isBetween(0.0, 1.0);
            assertThat(r.history().history().get("loss")).as(name).hasSize(1);
        }
    }

    @Test
    void signMnistFromCsvFilesInTheRealFormat(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("sign-mnist"));
        writeSignCsv(dir.resolve("sign_mnist_train.csv"), 120, 1);
        writeSignCsv(dir.resolve("sign_mnist_test.csv"), 40, 2);
        ExampleResult r = run(SignMnistCnn::run, root.resolve("out"), "--data", root.toString());
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
    }

    @Test
    void signMnistWithoutFilesSaysWhereToGetThemAndExitsTwo(@TempDir Path root) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        int status = Main.run(new String[] {"sign-mnist", "--data", root.toString()},
                new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(buf.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("sign_mnist_train.csv")
                .contains("Kaggle");
    }

    @Test
    void imageFoldersWritesAFolderAndTrainsFromIt(@TempDir Path out) throws Exception {
        ExampleResult r = run(ImageFolders::run, out, "--data", data());
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
        try (Stream<Path> classes = Files.list(out.resolve("images"))) {
            assertThat(classes.count()).isEqualTo(10);
        }
    }

    @Test
    void resnetTransferWritesTwelveClassesAndTrainsTheHead(@TempDir Path out) throws Exception {
        // ResNet50 at 150x150 is heavy on two cores: 4 images a class (3 training, 1 validation).
        ExampleResult r = run(ResnetTransfer::run, out, "--data", data(), "--limit", "4");
        assertThat(r.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(r.history().history()).containsKeys("loss", "accuracy", "val_loss", "val_accuracy");
        try (Stream<Path> classes = Files.list(out.resolve("images"))) {
            assertThat(classes.map(p -> p.getFileName().toString())).hasSize(12).contains("airplane", "digit_1");
        }
        try (Stream<Path> files = Files.walk(out.resolve("images"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".jpg") || f.endsWith(".png")))
                    .hasSize(48).anyMatch(f -> f.endsWith(".jpg")).anyMatch(f -> f.endsWith(".png"));
        }
    }

    @Test
    void convolutionFiltersWritesPictures(@TempDir Path out) throws Exception {
        run(ConvolutionFilters::run, out);
        for (String f : new String[] {"input.png", "gaussian-blur.png", "sobel-x.png", "sobel-y.png"}) {
            assertThat(out.resolve(f)).isRegularFile();
        }
    }

    /** Header label,pixel1..pixel784 and one row per image: labels cycle over 0..24 without 9. */
    private static void writeSignCsv(Path file, int rows, long seed) throws Exception {
        java.util.Random rnd = new java.util.Random(seed);
        StringBuilder sb = new StringBuilder("label");
        for (int p = 1; p <= 784; p++) {
            sb.append(",pixel").append(p);
        }
        sb.append('\n');
        int[] labels = java.util.stream.IntStream.range(0, 25).filter(l -> l != 9).toArray();
        for (int r = 0; r < rows; r++) {
            sb.append(labels[r % labels.length]);
            for (int p = 0; p < 784; p++) {
                sb.append(',').append(rnd.nextInt(256));
            }
            sb.append('\n');
        }
        Files.writeString(file, sb.toString());
    }
}
