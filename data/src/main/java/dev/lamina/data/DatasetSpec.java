package dev.lamina.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a data set is made of, for {@link DatasetStore#locate(DatasetSpec)}: its folder name, the
 * files it needs, and where and how to download them. The built-in loaders ({@link Mnist},
 * {@link FashionMnist}, {@link Cifar10}, {@link SignMnist}) have their own; an application can
 * describe its own data the same way and get the same search order, classpath lookup and verified
 * downloads.
 *
 * <pre>{@code
 * DatasetSpec spec = DatasetSpec.named("my-digits")
 *     .files("train.csv", "test.csv")
 *     .download("train.csv", "<sha256>", "https://example.org/my-digits/train.csv");
 * DatasetLocation where = DatasetStore.defaults().locate(spec);
 * }</pre>
 */
public final class DatasetSpec {

    private final String name;
    private String title;
    private final List<String> files = new ArrayList<>();
    private final List<String> anyOf = new ArrayList<>();
    private final List<String> optional = new ArrayList<>();
    private final Map<String, Remote> downloads = new LinkedHashMap<>();
    private Remote archive;
    private String archivePrefix;
    private String kerasNpz;
    private String kerasDir;
    private final List<Path> systemDirs = new ArrayList<>();
    private String hint;

    /** A file to download: the expected hash of its content and the canonical URLs, in order. */
    record Remote(String file, String algorithm, String hash, List<String> urls) {
    }

    private DatasetSpec(String name) {
        this.name = checkName(name, "name");
        this.title = name;
    }

    /**
     * Starts a description of the data set kept in the folder {@code <datasets root>/<name>/}.
     *
     * @param name the folder name, e.g. {@code mnist}; a single path segment
     * @return a new spec with no files yet
     */
    public static DatasetSpec named(String name) {
        return new DatasetSpec(name);
    }

    /**
     * Sets the name shown in messages (default: the folder name).
     *
     * @param title e.g. {@code "MNIST"}
     * @return this spec
     */
    public DatasetSpec title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Adds files that must all be present for a folder to count as holding the data set.
     *
     * @param names canonical file names
     * @return this spec
     */
    public DatasetSpec files(String... names) {
        for (String n : names) {
            files.add(checkName(n, "file"));
        }
        return this;
    }

    /**
     * Adds files of which at least one must be present (e.g. CIFAR-10's training batches, where a
     * partial set is still usable).
     *
     * @param names canonical file names
     * @return this spec
     */
    public DatasetSpec anyOf(String... names) {
        for (String n : names) {
            anyOf.add(checkName(n, "file"));
        }
        return this;
    }

    /**
     * Adds files that are read when present but never required (e.g. a label-name list).
     *
     * @param names canonical file names
     * @return this spec
     */
    public DatasetSpec optional(String... names) {
        for (String n : names) {
            optional.add(checkName(n, "file"));
        }
        return this;
    }

    /**
     * Declares how to download one file. The download is kept only when the hash of its content
     * matches; for a gzip-compressed file ({@code .gz}) the hash is of the <em>decompressed</em>
     * content, so that a mirror that recompressed the file is still accepted. As Keras'
     * {@code get_file(file_hash=...)}, the algorithm follows the hash's length: 64 hex digits are a
     * SHA-256, 32 an MD5 (the hashes Keras publishes for its application weights).
     *
     * @param file one of the spec's file names
     * @param hash expected SHA-256 (64 hex digits) or MD5 (32 hex digits)
     * @param urls canonical URLs, tried in order (a mirror, when set, replaces them)
     * @return this spec
     * @throws IllegalArgumentException when the hash is neither
     */
    public DatasetSpec download(String file, String hash, String... urls) {
        String algorithm = hash != null && hash.length() == 32 ? "MD5" : "SHA-256";
        downloads.put(checkName(file, "file"), new Remote(file, algorithm,
                checkHash(hash, algorithm.equals("MD5") ? 32 : 64), List.of(urls)));
        return this;
    }

    /**
     * Adds a sentence to the not-found error, e.g. where the files can be obtained by hand.
     *
     * @param hint text shown after the list of places searched
     * @return this spec
     */
    public DatasetSpec hint(String hint) {
        this.hint = hint;
        return this;
    }

    /** Declares an archive download holding the files under {@code prefix/}; hash of the archive bytes. */
    DatasetSpec archive(String file, String algorithm, String hash, String prefix, String... urls) {
        this.archive = new Remote(checkName(file, "file"), algorithm,
                checkHash(hash, algorithm.equals("MD5") ? 32 : 64), List.of(urls));
        this.archivePrefix = prefix;
        return this;
    }

    /** Keras caches this data set as one .npz file under its cache dir. */
    DatasetSpec kerasNpz(String file) {
        this.kerasNpz = file;
        return this;
    }

    /** Keras caches this data set's files in this folder under its cache dir. */
    DatasetSpec kerasDir(String relative) {
        this.kerasDir = relative;
        return this;
    }

    /** A system package installs the files into this folder. */
    DatasetSpec systemDir(Path dir) {
        systemDirs.add(dir);
        return this;
    }

    /**
     * The folder name.
     *
     * @return e.g. {@code mnist}
     */
    public String name() {
        return name;
    }

    /**
     * The name shown in messages.
     *
     * @return e.g. {@code MNIST}
     */
    public String title() {
        return title;
    }

    /**
     * The files that must all be present.
     *
     * @return an unmodifiable list
     */
    public List<String> files() {
        return List.copyOf(files);
    }

    /**
     * The files of which at least one must be present.
     *
     * @return an unmodifiable list, empty when there is no such group
     */
    public List<String> anyOf() {
        return List.copyOf(anyOf);
    }

    /**
     * The files read when present.
     *
     * @return an unmodifiable list
     */
    public List<String> optional() {
        return List.copyOf(optional);
    }

    /** Every file name of the data set: required, any-of and optional. */
    List<String> allFiles() {
        List<String> all = new ArrayList<>(files);
        all.addAll(anyOf);
        all.addAll(optional);
        return all;
    }

    Map<String, Remote> downloads() {
        return downloads;
    }

    Remote archive() {
        return archive;
    }

    String archivePrefix() {
        return archivePrefix;
    }

    String kerasNpz() {
        return kerasNpz;
    }

    String kerasDir() {
        return kerasDir;
    }

    List<Path> systemDirs() {
        return systemDirs;
    }

    String hint() {
        return hint;
    }

    boolean downloadable() {
        return archive != null || !downloads.isEmpty();
    }

    private static String checkName(String n, String what) {
        if (n == null || n.isBlank() || n.contains("/") || n.contains("\\") || n.equals(".") || n.equals("..")) {
            throw new IllegalArgumentException("A data set " + what
                    + " name must be a single, non-empty path segment. Received: " + what + "=" + n);
        }
        return n;
    }

    private static String checkHash(String hash, int digits) {
        if (hash == null || hash.length() != digits || !hash.matches("[0-9a-fA-F]+")) {
            throw new IllegalArgumentException("Expected a hash of " + digits + " hex digits. Received: " + hash);
        }
        return hash.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "DatasetSpec[" + name + ": " + files + (anyOf.isEmpty() ? "" : " + any of " + anyOf)
                + (optional.isEmpty() ? "" : " + optional " + optional) + "]";
    }
}
