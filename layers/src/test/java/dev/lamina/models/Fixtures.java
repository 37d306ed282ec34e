package dev.lamina.models;

import dev.lamina.saving.Json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.layers.Weight;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared data, comparisons and zip surgery for the saving tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A learnable toy problem on 8x8x1 images: the class is the quadrant of the brightest pixel. */
    public static INDArray[] toyData(int n, long seed) {
        return dev.lamina.models.ToyData.quadrants(n, seed);
    }

    public static FitOptions quiet(int epochs) {
        return FitOptions.epochs(epochs).batchSize(8).verbose(0);
    }

    /** Bit-for-bit equality (INDArray.equals tolerates a small difference). */
    public static void assertExactlyEqual(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        float[] a = actual.castTo(DataType.FLOAT).dup('c').reshape(actual.length()).toFloatVector();
        float[] e = expected.castTo(DataType.FLOAT).dup('c').reshape(expected.length()).toFloatVector();
        assertThat(a).as(what).containsExactly(e);
    }

    public static void assertSameWeights(Model actual, Model expected) {
        List<Weight> a = actual.weights();
        List<Weight> e = expected.weights();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            assertExactlyEqual(a.get(i).value(), e.get(i).value(), "weight " + e.get(i).path());
        }
    }

    // ---- zip surgery ----

    /** The entries of a zip, in order. */
    public static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /**
     * Rewrites a saved model: lets {@code edit} change the entries, then (with {@code fixManifest})
     * recomputes manifest.json so that only the intended damage remains.
     */
    public static Path rewrite(Path src, Path dst, boolean fixManifest, Consumer<Map<String, byte[]>> edit)
            throws IOException {
        Map<String, byte[]> entries = entries(src);
        edit.accept(entries);
        if (fixManifest) {
            Map<String, String> digests = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (!e.getKey().equals("manifest.json")) {
                    digests.put(e.getKey(), sha256(e.getValue()));
                }
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("algorithm", "SHA-256");
            manifest.put("entries", digests);
            entries.remove("manifest.json");
            entries.put("manifest.json", Json.MAPPER.writeValueAsBytes(manifest));
        }
        try (OutputStream out = Files.newOutputStream(dst); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return dst;
    }

    /** Edits config.json as a map, and fixes the manifest. */
    public static Path editConfig(Path src, Path dst, Consumer<Map<String, Object>> edit) throws IOException {
        return rewrite(src, dst, true, entries -> {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> config = Json.MAPPER.readValue(entries.get("config.json"), Map.class);
                edit.accept(config);
                entries.put("config.json", Json.MAPPER.writeValueAsBytes(config));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The offset of an entry's (compressed) data in the file, from its local header. */
    public static long dataOffset(byte[] zip, String name) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + n.length <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
                int nameLen = u16(zip, i + 26);
                int extraLen = u16(zip, i + 28);
                if (nameLen == n.length && java.util.Arrays.equals(zip, i + 30, i + 30 + nameLen, n, 0, n.length)) {
                    return i + 30L + nameLen + extraLen;
                }
            }
        }
        throw new IllegalArgumentException("no local header for " + name);
    }

    /** The offset of an entry's central-directory record. */
    public static int centralRecord(byte[] zip, String name) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + 46 + n.length <= zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                int nameLen = u16(zip, i + 28);
                if (nameLen == n.length && java.util.Arrays.equals(zip, i + 46, i + 46 + nameLen, n, 0, n.length)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("no central record for " + name);
    }

    public static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    public static void putU32(byte[] b, int at, long v) {
        for (int k = 0; k < 4; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }

    public static byte[] npy(INDArray a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dev.lamina.core.io.Npy.write(a, out);
        return out.toByteArray();
    }
}
