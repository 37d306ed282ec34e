package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

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
        assertThat(runFresh(DescribeMain.class)).contains("binary=" + expectedBuild()).contains("onednn=yes");
    }

    /**
     * A program that uses ND4J before any Lamina class still gets the build for this CPU: ND4J's
     * own backend lookup runs the bootstrap.
     */
    @Test
    void nd4jFirstStillLoadsTheBuildForThisCpu() throws IOException, InterruptedException {
        assertThat(runFresh(Nd4jFirstMain.class)).contains("binary=" + expectedBuild());
    }

    /**
     * ND4J's start-up report is off by default (the bootstrap is never reported as a skipped
     * backend either), and an application that asks for the report gets it.
     */
    @Test
    void nd4jStartUpReportIsQuietUnlessAskedFor() throws IOException, InterruptedException {
        String quiet = runFresh(Nd4jFirstMain.class, "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        assertThat(quiet).doesNotContain("NativeBuildBootstrap").doesNotContain("Backend used")
                .doesNotContain("Number of threads used for linear algebra");
        String asked = runFresh(Nd4jFirstMain.class, "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-D" + NativeBuildBootstrap.LOG_INITIALIZATION_PROPERTY + "=true");
        assertThat(asked).contains("Backend used");
    }

    /** The AVX-512 build where the CPU has every subset it needs, else the AVX2 one. */
    private static String expectedBuild() {
        return NativeBinarySelector.cpuFlags().containsAll(NativeBinarySelector.AVX512_FLAGS)
                ? "linux-x86_64-onednn-avx512" : "linux-x86_64-onednn-avx2";
    }

    private static String runFresh(Class<?> main) throws IOException, InterruptedException {
        return runFresh(main, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    }

    private static String runFresh(Class<?> main, String... jvmOptions) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.add(main.getName());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("forked JVM finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Entry point of a forked JVM that starts with Lamina's backend description. */
    public static final class DescribeMain {
        public static void main(String[] args) {
            System.out.println(Backend.describe());
        }
    }

    /**
     * Entry point of a forked JVM that creates an ND4J array before anything else, then reads the
     * loaded native library's folder as {@link Backend#binary()} does, without any Lamina code.
     */
    public static final class Nd4jFirstMain {
        public static void main(String[] args) {
            Nd4j.create(new float[] {1, 2, 3});
            for (String path : Loader.getLoadedLibraries().values()) {
                if (path != null && path.contains("nd4jcpu")) {
                    String[] parts = path.replace('\\', '/').split("/");
                    System.out.println("binary=" + parts[parts.length - 2]);
                }
            }
        }
    }
}
