package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loaded native build: oneDNN present, and the bootstrap's choice honoured in a fresh JVM. */
class BackendTest {

    @Test
    void loadedBuildHasOneDnn() {
        assertThat(Backend.buildInfo()).contains("HAVE_ONEDNN");
        assertThat(Backend.hasOneDnn()).isTrue();
        assertThat(Backend.describe()).contains("backend=CPU").contains("onednn=yes").contains("binary=");
    }

    /**
     * Native code loads once per JVM, so the bootstrap is checked in a JVM of its own, where Lamina
     * runs before anything touches ND4J.
     */
    @Test
    void bootstrapLoadsTheBuildForThisCpuInAFreshJvm() throws IOException, InterruptedException {
        String expected = NativeBinarySelector.chooseExtension(NativeBinarySelector.cpuFlags(), null) != null
                ? "linux-x86_64-onednn-avx512" : "linux-x86_64-onednn-avx2";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", DescribeMain.class.getName()))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("forked JVM finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("binary=" + expected).contains("onednn=yes");
    }

    /** Entry point of the forked JVM: Lamina first, as every Lamina program does. */
    public static final class DescribeMain {
        public static void main(String[] args) {
            System.out.println(Backend.describe());
        }
    }
}
