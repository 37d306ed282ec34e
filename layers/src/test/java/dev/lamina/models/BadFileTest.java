package dev.lamina.models;

import dev.lamina.models.ModelIO;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import static dev.lamina.models.Fixtures.editConfig;
import static dev.lamina.models.Fixtures.rewrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Flatten;
import dev.lamina.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Damaged and hostile files: each fails with a ModelFormatException naming the entry. */
class BadFileTest {

    @TempDir
    Path dir;

    private Path good;
    private String kernel;

    @BeforeEach
    void save() throws IOException {
        Sequential m = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new Flatten(),
                new Dense(4).activation("softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        m.trainOnBatch(Nd4j.rand(DataType.FLOAT, 4, 8, 8, 1), Nd4j.eye(4).castTo(DataType.FLOAT));
        good = dir.resolve("good.lamina");
        ModelIO.save(m, good);
        kernel = "weights/" + m.getLayer(2).name() + "/kernel.npy";
        assertThat(ModelIO.load(good).countParams()).isEqualTo(m.countParams());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsToLoad(Path p) {
        return assertThatThrownBy(() -> ModelIO.load(p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(p.toString());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failsOnEntry(Path p, String entry) {
        AbstractThrowableAssert<?, ? extends Throwable> a = failsToLoad(p);
        a.satisfies(e -> assertThat(((ModelFormatException) e).entry()).isEqualTo(entry));
        return a;
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        for (int cut : new int[] {0, 1, 30, bytes.length / 3, bytes.length / 2, bytes.length - 30, bytes.length - 1}) {
            Path p = dir.resolve("cut" + cut + ".lamina");
            Files.write(p, Arrays.copyOf(bytes, cut));
            failsToLoad(p).hasMessageContaining("zip");
        }
    }

    @Test
    void notAZipAtAll() throws IOException {
        Path p = dir.resolve("text.lamina");
        Files.writeString(p, "{\"format_version\": 1}");
        failsToLoad(p).hasMessageContaining("not a readable zip");
        assertThatThrownBy(() -> ModelIO.load(dir)).isInstanceOf(ModelFormatException.class);
    }

    @Test
    void missingEntries() throws IOException {
        for (String entry : List.of("config.json", "manifest.json")) {
            Path p = rewrite(good, dir.resolve("no-" + entry), false, e -> e.remove(entry));
            failsOnEntry(p, entry).hasMessageContaining("missing entry");
        }
        // A weight gone while the manifest still lists it...
        Path p = rewrite(good, dir.resolve("no-kernel"), false, e -> e.remove(kernel));
        failsOnEntry(p, kernel).hasMessageContaining("missing entry");
        // ...and gone from the manifest too: config.json still needs it.
        Path q = rewrite(good, dir.resolve("no-kernel-2"), true, e -> e.remove(kernel));
        failsOnEntry(q, kernel).hasMessageContaining("missing entry");
    }

    @Test
    void bytesOverwrittenInsideAnEntry() throws IOException {
        byte[] bytes = Files.readAllBytes(good);
        for (String entry : List.of(kernel, "config.json")) {
            byte[] damaged = bytes.clone();
            long at = Fixtures.dataOffset(damaged, entry) + 20;
            for (int k = 0; k < 4; k++) {
                damaged[(int) at + k] ^= 0x5a;
            }
            Path p = dir.resolve("flipped.lamina");
            Files.write(p, damaged);
            failsOnEntry(p, entry).hasMessageMatching("(?s).*(CRC-32|damaged).*");
        }
    }

    @Test
    void contentChangedWithAValidCrcFailsTheManifest() throws IOException {
        Path p = rewrite(good, dir.resolve("swapped.lamina"), false, e -> {
            byte[] k = e.get(kernel).clone();
            k[k.length - 1] ^= 1; // one bit of one float, re-zipped with a correct CRC
            e.put(kernel, k);
        });
        failsOnEntry(p, kernel).hasMessageContaining("SHA-256");
        Path q = rewrite(good, dir.resolve("extra.lamina"), false, e -> e.put("weights/extra.npy", new byte[10]));
        failsOnEntry(q, "weights/extra.npy").hasMessageContaining("not listed in manifest.json");
    }

    @Test
    void wrongShapeForAWeight() throws IOException {
        Path p = withKernel(Nd4j.zeros(DataType.FLOAT, 4, 72), "shape.lamina");
        failsOnEntry(p, kernel).hasMessageContaining("shape [4, 72]").hasMessageContaining("expected [72, 4]");
        // Too few bytes for the listed shape: refused from the zip's directory, before the rebuild.
        Path small = withKernel(Nd4j.zeros(DataType.FLOAT, 5, 4), "small.lamina");
        failsOnEntry(small, kernel).hasMessageContaining("of shape [72, 4] needs at least");

        // The listed shape disagreeing with the architecture.
        Path q = editConfig(good, dir.resolve("listed.lamina"), c -> weightList(c).get(2).put("shape", List.of(4, 72)));
        failsOnEntry(q, kernel).hasMessageContaining("[4, 72]").hasMessageContaining("[72, 4]");
        // Fewer values listed than the architecture builds: caught while rebuilding, before reading weights.
        Path r = editConfig(good, dir.resolve("fewer.lamina"), c -> weightList(c).get(2).put("shape", List.of(7, 4)));
        failsOnEntry(r, "config.json").hasMessageContaining("more weight values");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSmallFileCannotMakeTheRebuildAllocateAHugeLayer() throws IOException {
        // The Dense layer asks for 72 x 1,000,000 weights (275 MiB) and the weight list declares
        // them, but the kernel's entry holds about 1 KiB: refused before any layer is built.
        Path p = editConfig(good, dir.resolve("huge.lamina"), c -> {
            ((Map<String, Object>) layerList(c).get(2).get("config")).put("units", 1_000_000);
            weightList(c).get(2).put("shape", List.of(72, 1_000_000));
            weightList(c).get(3).put("shape", List.of(1_000_000));
        });
        assertThat(Files.size(p)).isLessThan(20_000);
        failsOnEntry(p, kernel).hasMessageContaining("of shape [72, 1000000]").hasMessageContaining("needs at least");

        // The zip's directory claiming the size too: the compressed entry could never expand to it.
        byte[] bytes = Files.readAllBytes(p);
        Fixtures.putU32(bytes, Fixtures.centralRecord(bytes, kernel) + 24, 300_000_000);
        Path q = dir.resolve("huge-liar.lamina");
        Files.write(q, bytes);
        failsOnEntry(q, kernel).hasMessageContaining("compressed bytes, which cannot hold");

        // A weight listed but absent from the zip altogether.
        Path r = rewrite(good, dir.resolve("absent.lamina"), true, e -> e.remove(kernel));
        failsOnEntry(r, kernel).hasMessageContaining("missing entry");
    }

    private Path withKernel(org.nd4j.linalg.api.ndarray.INDArray value, String name) throws IOException {
        return rewrite(good, dir.resolve(name), true, e -> {
            try {
                e.put(kernel, Fixtures.npy(value));
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> weightList(Map<String, Object> config) {
        return (List<Map<String, Object>>) config.get("weights");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> layerList(Map<String, Object> config) {
        Map<String, Object> model = (Map<String, Object>) config.get("model");
        return (List<Map<String, Object>>) ((Map<String, Object>) model.get("config")).get("layers");
    }

    @Test
    void unknownLayerTypesAreNamedAndNeverLoaded() throws IOException {
        for (String cls : List.of("Bogus", "java.lang.Runtime", "dev.lamina.layers.Dense")) {
            Path p = editConfig(good, dir.resolve("cls.lamina"), c -> layerList(c).get(1).put("class_name", cls));
            failsOnEntry(p, "config.json").hasMessageContaining("\"" + cls + "\"")
                    .hasMessageContaining("Unknown layer class");
        }
        Path q = editConfig(good, dir.resolve("model-cls.lamina"),
                c -> ((Map<String, Object>) c.get("model")).put("class_name", "java.lang.ProcessBuilder"));
        failsOnEntry(q, "config.json").hasMessageContaining("java.lang.ProcessBuilder");
    }

    @Test
    void aFormatVersionFromTheFuture() throws IOException {
        Path p = editConfig(good, dir.resolve("future.lamina"), c -> {
            c.put("format_version", 99);
            c.put("lamina_version", "9.0.0");
        });
        failsOnEntry(p, "config.json").hasMessageContaining("format_version 99").hasMessageContaining("9.0.0")
                .hasMessageContaining("upgrade");
        // Checked before the manifest: a future file may be laid out differently.
        Path q = rewrite(p, dir.resolve("future2.lamina"), false, e -> e.remove("manifest.json"));
        failsOnEntry(q, "config.json").hasMessageContaining("format_version 99");
    }

    @Test
    void malformedConfigValues() throws IOException {
        Path p = editConfig(good, dir.resolve("types.lamina"),
                c -> ((Map<String, Object>) ((Map<String, Object>) c.get("model")).get("config")).put("layers", 5));
        failsOnEntry(p, "config.json").hasMessageContaining("layers");
        Path q = editConfig(good, dir.resolve("conf.lamina"),
                c -> ((Map<String, Object>) layerList(c).get(2).get("config")).put("units", "many"));
        failsOnEntry(q, "config.json");
        Path r = rewrite(good, dir.resolve("dup.lamina"), true,
                e -> e.put("config.json", "{\"format_version\": 1, \"format_version\": 2}".getBytes()));
        failsOnEntry(r, "config.json").hasMessageContaining("not valid JSON");
        Path s = editConfig(good, dir.resolve("big.lamina"),
                c -> ((Map<String, Object>) layerList(c).get(2).get("config")).put("units", 400));
        failsOnEntry(s, "config.json").hasMessageContaining("more weight values");
    }

    @Test
    void zipBombs() throws IOException {
        // Honest sizes: 64 MiB of zeros (64 KiB compressed) where about 1 KiB is expected.
        byte[] zeros = new byte[64 << 20];
        Path p = rewrite(good, dir.resolve("bomb.lamina"), true, e -> e.put(kernel, zeros));
        failsOnEntry(p, kernel).hasMessageContaining("zip bomb");

        // Lying sizes: the central directory claims 1,000 bytes; reading still stops at the cap.
        byte[] bytes = Files.readAllBytes(p);
        int cen = Fixtures.centralRecord(bytes, kernel);
        Fixtures.putU32(bytes, cen + 24, 1_000);
        Path q = dir.resolve("liar.lamina");
        Files.write(q, bytes);
        failsOnEntry(q, kernel).hasMessageContaining("zip bomb");

        // The per-file total and the entry count.
        assertThatThrownBy(() -> ModelIO.load(good, new Limits(100, 2_000, 1 << 20, 8)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> ModelIO.load(good, new Limits(5, 1 << 20, 1 << 20, 8)))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("entries");
    }

    @Test
    void entryNamesThatEscapeAreRefused() throws IOException {
        for (String name : List.of("weights/../../evil.npy", "/etc/passwd", "..", "a\\b", "C:/x", "weights//x")) {
            Path p = rewrite(good, dir.resolve("escape.lamina"), true, e -> e.put(name, new byte[] {1}));
            failsToLoad(p).hasMessageContaining("unsafe entry name");
        }
        // Also when only config.json points there.
        Path q = editConfig(good, dir.resolve("ref.lamina"), c -> weightList(c).get(0).put("entry", "../x.npy"));
        failsOnEntry(q, "config.json").hasMessageContaining("unsafe");
    }

    @Test
    void weightsOnlyLoadingChecksToo() throws IOException {
        Sequential m = new Sequential(new Conv2D(2, 3).inputShape(8, 8, 1), new Flatten(),
                new Dense(4).activation("softmax"));
        Path p = rewrite(good, dir.resolve("w.lamina"), false, e -> e.remove(kernel));
        assertThatThrownBy(() -> ModelIO.loadWeights(m, p)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(kernel);
    }
}
