package dev.lamina.saving;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads entries of a saved-model zip as untrusted input. Each entry is read fully into memory with
 * a bounded buffer: never more bytes than the caller expects for it, nor more than the file's total
 * allowance, whatever sizes the zip headers claim (so a zip bomb stops at the cap). Each entry's
 * CRC-32 is checked against the zip's central directory and its SHA-256 against
 * {@code manifest.json}; entry names must be plain relative paths. Nothing is ever written to disk.
 */
public final class ArchiveReader implements Closeable {

    /** Entry names we write and accept: relative paths of safe characters (names are percent-encoded). */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.%-]+(/[A-Za-z0-9_.%-]+)*");
    private static final Pattern SHA_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int CHUNK = 1 << 16;

    private final Path file;
    private final Limits limits;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
    private Map<String, String> manifest;
    private long totalRead;

    private ArchiveReader(Path file, Limits limits, ZipFile zip) {
        this.file = file;
        this.limits = limits;
        this.zip = zip;
    }

    /**
     * Whether an entry name is a plain relative path: no leading slash, no {@code .} or {@code ..}
     * segment, no backslash, drive letter or control character.
     *
     * @param name the name
     * @return true when it is acceptable
     */
    public static boolean isSafeName(String name) {
        if (name == null || name.isEmpty() || name.length() > 1024 || !SAFE.matcher(name).matches()) {
            return false;
        }
        for (String segment : name.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens a file and indexes its entries (the zip's central directory), rejecting unsafe names,
     * duplicates and too many entries before any content is read.
     *
     * @param file the file
     * @param limits the caps
     * @return the reader
     * @throws IOException when the file cannot be opened, or a {@link ModelFormatException} when it
     *     is not a well-formed zip
     */
    public static ArchiveReader open(Path file, Limits limits) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFormatException(file, null, "is a folder, not a saved model file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            // A truncated file loses its central directory, which is at the end: this is where it shows.
            throw new ModelFormatException(file, null, "is not a readable zip file (truncated, damaged, or not a "
                    + "Lamina model): " + e.getMessage(), e);
        }
        ArchiveReader r = new ArchiveReader(file, limits, zip);
        try {
            r.index();
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
        return r;
    }

    private void index() throws ModelFormatException {
        if (zip.size() > limits.maxEntries()) {
            throw new ModelFormatException(file, null, "has " + zip.size() + " entries, more than the "
                    + limits.maxEntries() + " a saved model may have");
        }
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e = en.nextElement();
            String name = e.getName();
            if (entries.size() >= limits.maxEntries()) {
                throw new ModelFormatException(file, null, "has more than " + limits.maxEntries() + " entries");
            }
            if (!isSafeName(name)) {
                throw new ModelFormatException(file, printable(name), "unsafe entry name (absolute path, '..', "
                        + "or characters Lamina never writes); refusing the file");
            }
            if (entries.put(name, e) != null) {
                throw new ModelFormatException(file, name, "appears twice in the zip");
            }
        }
    }

    /** @return the file being read, for messages */
    public Path file() {
        return file;
    }

    /** @return the names of all entries */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /**
     * Reads {@code manifest.json} and checks that it lists exactly the zip's other entries.
     *
     * @throws ModelFormatException when it is missing, malformed, or disagrees with the zip
     */
    public void loadManifest() throws ModelFormatException {
        String m = ArchiveWriter.MANIFEST;
        byte[] bytes = readRaw(m, limits.maxJsonBytes());
        Json j = new Json(file, m);
        Map<String, Object> root = j.parseObject(bytes);
        String algorithm = j.string(root, "algorithm", "manifest");
        if (!"SHA-256".equals(algorithm)) {
            throw j.fail("unsupported digest algorithm \"" + algorithm + "\" (expected SHA-256)");
        }
        Map<String, Object> listed = j.object(root, "entries", "manifest");
        Map<String, String> digests = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : listed.entrySet()) {
            if (!(e.getValue() instanceof String hex) || !SHA_HEX.matcher(hex).matches()) {
                throw j.fail("the digest of \"" + printable(e.getKey()) + "\" is not 64 lower-case hex digits");
            }
            digests.put(e.getKey(), hex);
        }
        for (String name : entries.keySet()) {
            if (!name.equals(m) && !digests.containsKey(name)) {
                throw new ModelFormatException(file, name, "is not listed in manifest.json (added after saving?)");
            }
        }
        for (String name : digests.keySet()) {
            if (!entries.containsKey(name)) {
                throw new ModelFormatException(file, printable(name), "missing entry (listed in manifest.json; the file "
                        + "is incomplete)");
            }
        }
        this.manifest = digests;
    }

    /**
     * Reads an entry and checks it against the manifest.
     *
     * @param name the entry
     * @param maxBytes the most bytes it may hold
     * @return its content
     * @throws ModelFormatException when it is missing, too large, or damaged
     */
    public byte[] read(String name, long maxBytes) throws ModelFormatException {
        byte[] bytes = readRaw(name, maxBytes);
        verify(name, bytes);
        return bytes;
    }

    /**
     * Checks content against the entry's SHA-256 in the manifest ({@link #loadManifest()} first).
     *
     * @param name the entry
     * @param bytes its content
     * @throws ModelFormatException on a mismatch or when the manifest does not list it
     */
    public void verify(String name, byte[] bytes) throws ModelFormatException {
        if (manifest == null) {
            throw new IllegalStateException("loadManifest() first");
        }
        String expected = manifest.get(name);
        if (expected == null) {
            throw new ModelFormatException(file, name, "is not listed in manifest.json");
        }
        MessageDigest sha = ArchiveWriter.sha256();
        String actual = HexFormat.of().formatHex(sha.digest(bytes));
        if (!actual.equals(expected)) {
            throw new ModelFormatException(file, name, "SHA-256 does not match manifest.json: the entry was modified "
                    + "or damaged");
        }
    }

    /**
     * Reads an entry with a bounded buffer and checks its CRC-32 and size, without the manifest
     * (used for the manifest itself, and for config.json before its format version is known).
     *
     * @param name the entry
     * @param maxBytes the most bytes it may hold
     * @return its content
     * @throws ModelFormatException when it is missing, too large, or damaged
     */
    public byte[] readRaw(String name, long maxBytes) throws ModelFormatException {
        ZipEntry e = entries.get(name);
        if (e == null) {
            throw new ModelFormatException(file, name, "missing entry (the file is incomplete or not a Lamina model)");
        }
        long remaining = limits.maxTotalBytes() - totalRead;
        // Arrays are int-indexed; a legitimate entry is never near that anyway.
        long allowance = Math.min(Math.min(maxBytes, remaining), Integer.MAX_VALUE - 16);
        long declared = e.getSize();
        if (declared > allowance) {
            throw tooLarge(name, declared, maxBytes, remaining);
        }
        // The declared size is only a hint for the first buffer: it is never trusted beyond the allowance.
        byte[] buf = new byte[(int) Math.min(allowance, declared >= 0 ? declared : CHUNK)];
        int len = 0;
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = zip.getInputStream(e)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (len + (long) n > allowance) {
                    throw tooLarge(name, len + (long) n, maxBytes, remaining);
                }
                if (len + n > buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(allowance, Math.max(2L * buf.length, len + n)));
                }
                System.arraycopy(chunk, 0, buf, len, n);
                crc.update(chunk, 0, n);
                len += n;
            }
        } catch (ModelFormatException ex) {
            throw ex;
        } catch (IOException | RuntimeException ex) {
            // Inflater errors ("invalid stored block lengths", unexpected end of input) of damaged data.
            throw new ModelFormatException(file, name, "is damaged and cannot be decompressed: " + ex.getMessage(), ex);
        }
        if (declared >= 0 && len != declared) {
            throw new ModelFormatException(file, name, "holds " + len + " bytes, but the zip declares " + declared
                    + ": the entry is damaged");
        }
        if (crc.getValue() != e.getCrc()) {
            throw new ModelFormatException(file, name, "CRC-32 mismatch: the entry is damaged");
        }
        totalRead += len;
        return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    /**
     * Checks, from the zip's central directory and before anything is read or allocated, that an
     * entry exists and can hold between {@code minBytes} and {@code maxBytes} bytes: its declared
     * size lies in that range, and its compressed size could expand to that many bytes (deflate
     * expands at most {@link Limits#MAX_EXPANSION}-fold; a stored entry not at all). A file can then
     * make its reader allocate only in proportion to its own size.
     *
     * @param name the entry
     * @param minBytes the fewest bytes it must hold
     * @param maxBytes the most bytes it may hold
     * @param what what the entry should hold, for messages (e.g. "an array of shape [4, 3]")
     * @throws ModelFormatException naming the entry when it is missing or cannot hold that much
     */
    public void requireCapacity(String name, long minBytes, long maxBytes, String what) throws ModelFormatException {
        ZipEntry e = entries.get(name);
        if (e == null) {
            throw new ModelFormatException(file, printable(name), "missing entry (config.json lists it for " + what
                    + "; the file is incomplete)");
        }
        long declared = e.getSize();
        if (declared >= 0 && (declared < minBytes || declared > maxBytes)) {
            throw new ModelFormatException(file, name, "holds " + declared + " bytes, but " + what + " needs "
                    + (declared < minBytes ? "at least " + minBytes : "at most " + maxBytes)
                    + (declared > maxBytes ? " (a zip bomb, or an entry that does not fit the model)" : ""));
        }
        long compressed = e.getCompressedSize();
        long expansion = e.getMethod() == ZipEntry.STORED ? 1 : Limits.MAX_EXPANSION;
        if (compressed >= 0 && compressed < (minBytes + expansion - 1) / expansion) {
            throw new ModelFormatException(file, name, "is " + compressed + " compressed bytes, which cannot hold the "
                    + minBytes + " bytes " + what + " needs: the file is damaged or crafted");
        }
    }

    private ModelFormatException tooLarge(String name, long size, long maxBytes, long remaining) {
        if (size > remaining && remaining < maxBytes) {
            return new ModelFormatException(file, name, "exceeds the limit of " + limits.maxTotalBytes()
                    + " uncompressed bytes per file (a zip bomb?)");
        }
        return new ModelFormatException(file, name, "holds more than the " + maxBytes + " bytes expected for it "
                + "(a zip bomb, or an entry that does not fit the model)");
    }

    /** A name as it may safely appear in a message: no control characters, bounded length. */
    public static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 200; i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return name.length() > 200 ? sb + "…" : sb.toString();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
