package dev.lamina.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lamina.data.image.ImageUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** keras-import on real Keras files: summary, predictions, and agreement with Keras' own outputs. */
class KerasImportTest {

    private static Path kerasFile(String relative) {
        String data = System.getProperty("lamina.testdata");
        assertThat(data).as("-Dlamina.testdata (set by the parent pom)").isNotNull();
        Path p = Path.of(data).getParent().resolve("keras-files").resolve(relative);
        assumeTrue(Files.isRegularFile(p), "no shared Keras file " + p);
        return p;
    }

    private static String capture(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            KerasImport.run(args);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void referenceInputsBesideTheFileGiveKerasOutputs() {
        String out = capture("--input", kerasFile("keras2.3.1-h5/LeakyReLU_0_model.h5").toString());
        assertThat(out).contains("Total params").contains("reference inputs in LeakyReLU_0_inputs_and_outputs.h5")
                .contains("predictions [2, 32]");
        Matcher m = Pattern.compile("relative ([0-9.eE+-]+)\\)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(1e-5);
    }

    @Test
    void anImageIsResizedToTheModelsInput(@TempDir Path dir) {
        Path png = dir.resolve("digit.png");
        ImageUtils.save(png, Nd4j.rand(DataType.FLOAT, 40, 40, 1).muli(255));
        String out = capture("--input", kerasFile("keras3.11.3-keras/mnist_cnn.keras").toString(), "--image",
                png.toString());
        assertThat(out).contains("input: " + png).contains("predictions [1, 10]").contains("argmax per sample");
    }

    @Test
    void withoutAModelItSaysWhatItNeeds() {
        assertThatThrownBy(KerasImport::run).isInstanceOf(ExampleUsageException.class).hasMessageContaining("--input");
    }
}
