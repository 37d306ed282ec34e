package dev.lamina.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.Lamina;
import dev.lamina.models.Model;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main example end to end: one epoch of the MNIST CNN on the real MNIST. */
class MnistCnnTrainingTest {

    @Test
    void oneEpochReachesNinetySevenPercent(@TempDir Path out) throws Exception {
        String data = System.getProperty("lamina.testdata");
        assertThat(data).as("-Dlamina.testdata (set by the parent pom)").isNotNull();
        Lamina.setSeed(1);
        ExampleResult r = new MnistCnn().run(ExampleOptions.parse("mnist-cnn",
                new String[] {"--epochs", "1", "--data", data, "--out", out.toString()}));
        assertThat(r.testAccuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.history().history().get("loss")).hasSize(1);
        assertThat(out.resolve("history.png")).isRegularFile();
        Model again = Model.load(out.resolve("mnist-cnn.lamina"));
        assertThat(again.summaryString()).contains("Total params: 60,554");
    }
}
