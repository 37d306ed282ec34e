package dev.lamina.saving;

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
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One atomic replacement of a file: the content goes to a temporary file beside the target, which
 * {@link #commit()} forces to disk and renames over the target in one step. Until then the target
 * is untouched, so a crash or an exception mid-write leaves the previous file intact; {@link #close()}
 * removes the temporary file of a write that did not commit, and the next write to the same target
 * removes those that a killed process left behind.
 */
public final class AtomicFile implements Closeable {

    /**
     * How long a temporary file of this target must have been left untouched before a later write
     * removes it as the leftover of a killed one.
     */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private final Path target;
    private final Path tmp;
    private final OutputStream stream;
    private boolean committed;

    /**
     * Creates the temporary file (empty) and the target's folder when missing.
     *
     * @param target the file to replace
     * @throws IOException when the temporary file cannot be created
     */
    public AtomicFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        // Same folder as the target: a rename within one file system is atomic, across them it is a copy.
        // Not Files.createTempFile: that makes the file owner-only (0600), and the saved file would keep it.
        String prefix = temporaryPrefix(this.target);
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
        this.stream = out;
        removeStaleTemporaries(dir, prefix, created);
    }

    /** The start of the names of the target's temporary files: hidden, and telling whose they are. */
    static String temporaryPrefix(Path target) {
        String name = target.getFileName().toString();
        return "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".";
    }

    /**
     * The temporary file, for writers that open files by path; it exists and is empty until written.
     *
     * @return its path
     */
    public Path temporary() {
        return tmp;
    }

    /**
     * The temporary file's stream, open from the start; {@link #commit()} and {@link #close()} close it.
     *
     * @return the stream
     */
    public OutputStream stream() {
        return stream;
    }

    /**
     * Deletes the temporary files that earlier writes to the same target left behind when they were
     * killed before commit or close (a crashed JVM, {@code kill -9}): files named as this class names
     * the target's temporaries, other than {@code own}, untouched for {@link #STALE_AFTER}. A live
     * write writes its temporary continuously, so one that old belongs to no write still running.
     * Best effort: a file that cannot be listed or deleted is left, and the write goes on.
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
                    // Someone else's file or one just removed: not this write's concern.
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder that cannot be listed still takes the write.
        }
    }

    /**
     * Closes the stream, forces the temporary file to disk and renames it over the target.
     *
     * @throws IOException when any step fails; the target is then unchanged
     */
    public void commit() throws IOException {
        stream.close();
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
            stream.close();
        } catch (IOException | RuntimeException e) {
            // The write already failed; the original failure is the one worth reporting.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
