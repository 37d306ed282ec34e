package dev.lamina.saving;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes one saved-model zip: entries streamed into a temporary file beside the target, each one's
 * SHA-256 recorded in a final {@code manifest.json}, then the file forced to disk and renamed over
 * the target in one atomic step. Until {@link #commit()} succeeds the target is untouched, so a
 * crash or an exception mid-write leaves the previous file intact; {@link #close()} removes the
 * temporary file of a write that did not commit, and the next write to the same target removes
 * those that a killed process left behind.
 */
public final class ArchiveWriter implements Closeable {

    /** The entry listing every other entry's SHA-256, written last. */
    public static final String MANIFEST = "manifest.json";

    /**
     * Wraps the temporary file's stream; tests use it to make a write fail half-way. Not for
     * production use, hence package-private.
     */
    static volatile UnaryOperator<OutputStream> testStreamHook;

    /**
     * How long a temporary file of this target must have been left untouched before a later save
     * removes it as the leftover of a killed one.
     */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    /** Float data barely compresses: the fastest level gives up little size and saves much time. */
    private static final int LEVEL = Deflater.BEST_SPEED;

    private final Path target;
    private final Path tmp;
    private final OutputStream file;
    private final ZipOutputStream zip;
    private final Map<String, String> digests = new LinkedHashMap<>();
    private boolean committed;

    /**
     * Starts a write; creates the target's folder when missing.
     *
     * @param target the file the archive will replace
     * @throws IOException when the temporary file cannot be created
     */
    public ArchiveWriter(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        // Same folder as the target: a rename within one file system is atomic, across them it is a copy.
        // Not Files.createTempFile: that makes the file owner-only (0600), and the saved model would keep it.
        String name = this.target.getFileName().toString();
        String prefix = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
        OutputStream out = null;
        Path created = null;
        for (int attempt = 0; out == null; attempt++) {
            Path candidate = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                out = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                created = candidate;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw e;
                }
            }
        }
        this.tmp = created;
        removeStaleTemporaries(dir, prefix, created);
        try {
            UnaryOperator<OutputStream> hook = testStreamHook;
            OutputStream hooked = hook == null ? out : hook.apply(out);
            this.zip = new ZipOutputStream(new BufferedOutputStream(hooked, 1 << 16));
            this.zip.setLevel(LEVEL);
            this.file = out;
        } catch (RuntimeException e) {
            out.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Deletes the temporary files that earlier saves to the same target left behind when they were
     * killed before commit or close (a crashed JVM, {@code kill -9}): files named as this class names
     * the target's temporaries, other than {@code own}, untouched for {@link #STALE_AFTER}. A live
     * save writes its temporary continuously, so one that old belongs to no save still running.
     * Best effort: a file that cannot be listed or deleted is left, and the save goes on.
     */
    private static void removeStaleTemporaries(Path dir, String prefix, Path own) {
        Pattern ours = Pattern.compile(Pattern.quote(prefix) + "[0-9a-z]{1,13}\\.tmp");
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> ours.matcher(
                f.getFileName().toString()).matches() && !f.equals(own))) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // Someone else's file or one just removed: not this save's concern.
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder that cannot be listed still takes the save.
        }
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
     * Writes the manifest, forces the file to disk and renames it over the target.
     *
     * @throws IOException when any step fails; the target is then unchanged
     */
    public void commit() throws IOException {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("algorithm", "SHA-256");
        manifest.put("entries", digests);
        byte[] bytes = Json.write(manifest);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(bytes);
        zip.closeEntry();
        zip.close();
        // Forced before the rename: otherwise a power loss could leave the new name on empty blocks.
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        forceDirectory(target.getParent());
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort only: Windows cannot open folders; the rename has happened either way.
        }
    }

    /** Discards an uncommitted write: closes the stream and deletes the temporary file. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            zip.close();
        } catch (IOException | RuntimeException e) {
            // The write already failed; the original failure is the one worth reporting.
        }
        try {
            // Closed directly too: a ZipOutputStream whose finish() failed leaves its target open,
            // and an open file cannot be deleted on every platform.
            file.close();
        } catch (IOException | RuntimeException e) {
            // As above.
        } finally {
            Files.deleteIfExists(tmp);
        }
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
