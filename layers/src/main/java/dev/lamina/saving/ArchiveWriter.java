package dev.lamina.saving;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one saved-model zip: entries streamed into a temporary file beside the target (an
 * {@link AtomicFile}), each one's SHA-256 recorded in a final {@code manifest.json} (Lamina's
 * format; {@link #withoutManifest} leaves it out, as Keras' {@code .keras} zip has none), then the
 * file forced to disk and renamed over the target in one atomic step. Until {@link #commit()}
 * succeeds the target is untouched, so a crash or an exception mid-write leaves the previous file
 * intact; {@link #close()} removes the temporary file of a write that did not commit, and the next
 * write to the same target removes those that a killed process left behind.
 */
public final class ArchiveWriter implements Closeable {

    /** The entry listing every other entry's SHA-256, written last. */
    public static final String MANIFEST = "manifest.json";

    /**
     * Wraps the temporary file's stream; tests use it to make a write fail half-way. Not for
     * production use, hence package-private.
     */
    static volatile UnaryOperator<OutputStream> testStreamHook;

    /** Float data barely compresses: the fastest level gives up little size and saves much time. */
    private static final int LEVEL = Deflater.BEST_SPEED;

    private final AtomicFile file;
    private final ZipOutputStream zip;
    private final boolean manifest;
    private final Map<String, String> digests = new LinkedHashMap<>();

    /**
     * Starts a write of Lamina's zip, with a manifest; creates the target's folder when missing.
     *
     * @param target the file the archive will replace
     * @throws IOException when the temporary file cannot be created
     */
    public ArchiveWriter(Path target) throws IOException {
        this(target, true);
    }

    private ArchiveWriter(Path target, boolean manifest) throws IOException {
        this.manifest = manifest;
        this.file = new AtomicFile(target);
        try {
            UnaryOperator<OutputStream> hook = testStreamHook;
            OutputStream out = file.stream();
            OutputStream hooked = hook == null ? out : hook.apply(out);
            this.zip = new ZipOutputStream(new BufferedOutputStream(hooked, 1 << 16));
            this.zip.setLevel(LEVEL);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Starts a write of a zip without Lamina's manifest (Keras' {@code .keras} zip, which holds only
     * its own entries); otherwise as {@link #ArchiveWriter(Path)}.
     *
     * @param target the file the archive will replace
     * @return the writer
     * @throws IOException when the temporary file cannot be created
     */
    public static ArchiveWriter withoutManifest(Path target) throws IOException {
        return new ArchiveWriter(target, false);
    }

    /** Writes the content of one entry. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the entry's stream; closing it is not needed
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Adds an entry, recording its SHA-256 for the manifest.
     *
     * @param name the entry's name (checked against the names loading accepts)
     * @param body writes the content
     * @throws IOException when writing fails
     */
    public void put(String name, Body body) throws IOException {
        if (!ArchiveReader.isSafeName(name) || digests.containsKey(name) || MANIFEST.equals(name)) {
            // Our own naming bug, caught here rather than producing a file that cannot be loaded.
            throw new IOException("Internal error: bad or duplicate entry name \"" + name + "\"");
        }
        MessageDigest sha = sha256();
        zip.putNextEntry(new ZipEntry(name));
        body.writeTo(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                sha.update((byte) b);
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sha.update(b, off, len);
                zip.write(b, off, len);
            }
        });
        zip.closeEntry();
        digests.put(name, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * Adds an entry from bytes.
     *
     * @param name the entry's name
     * @param content its content
     * @throws IOException when writing fails
     */
    public void put(String name, byte[] content) throws IOException {
        put(name, out -> out.write(content));
    }

    /**
     * Writes the manifest (unless made {@link #withoutManifest}), forces the file to disk and
     * renames it over the target.
     *
     * @throws IOException when any step fails; the target is then unchanged
     */
    public void commit() throws IOException {
        if (manifest) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", "SHA-256");
            m.put("entries", digests);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(Json.write(m));
            zip.closeEntry();
        }
        zip.close();
        file.commit();
    }

    /** Discards an uncommitted write: closes the stream and deletes the temporary file. */
    @Override
    public void close() throws IOException {
        try {
            zip.close();
        } catch (IOException | RuntimeException e) {
            // The write already failed (or was committed, closing this already); nothing more to report.
        }
        // Closes the file directly too: a ZipOutputStream whose finish() failed leaves its target open.
        file.close();
    }

    /** @return a fresh SHA-256 digest */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
