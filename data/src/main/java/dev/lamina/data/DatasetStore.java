package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds data sets on this machine and downloads them when they are nowhere to be found.
 *
 * <p>All data sets use one layout: {@code <datasets root>/<name>/<canonical file names>}, with the
 * names {@code mnist}, {@code fashion-mnist}, {@code cifar-10-batches-bin} and {@code sign-mnist}.
 * {@link #locate(DatasetSpec)} looks, in this order, in:
 * <ol>
 *   <li>the root the caller names ({@link #root(Path)}, e.g. {@code Mnist.load(Path)});</li>
 *   <li>the directory in {@code -Dlamina.datasets} (wins) or the environment variable
 *       {@code LAMINA_DATASETS};</li>
 *   <li>the user cache {@code ~/.lamina/datasets} ({@code ~} is {@code System.getProperty("user.home")});</li>
 *   <li>Keras' cache {@code ~/.keras/datasets} ({@code mnist.npz}, {@code fashion-mnist/*.gz});</li>
 *   <li>system data packages (Debian's {@code dataset-fashion-mnist} in
 *       {@code /usr/share/datasets/fashion-mnist});</li>
 *   <li>classpath resources {@code datasets/<name>/<file>}, so an application can ship data in its jar;</li>
 *   <li>and finally downloads the files into {@code ~/.lamina/datasets/<name>/}, from the mirror in
 *       {@code -Dlamina.datasets.mirror} / {@code LAMINA_DATASETS_MIRROR} (same layout,
 *       {@code <base>/<name>/<file>}) or else from the canonical sources, verifying each file's
 *       hash before it is renamed into place.</li>
 * </ol>
 * Files found locally are checked by their structure when read, not by checksum. When no copy is
 * anywhere and the download fails, one {@link DatasetNotFoundException} lists the files, every place
 * searched and where to put the files.
 *
 * <p>Settings are fluent and apply to this instance only:
 * <pre>{@code
 * ImageDataset mnist = Mnist.load(DatasetStore.defaults().mirror("https://datasets.example.org/").progress(false));
 * }</pre>
 */
public final class DatasetStore {

    /** System property naming a datasets root (wins over {@link #DATASETS_ENV}). */
    public static final String DATASETS_PROPERTY = "lamina.datasets";
    /** Environment variable naming a datasets root. */
    public static final String DATASETS_ENV = "LAMINA_DATASETS";
    /** System property naming a download mirror base URL (wins over {@link #MIRROR_ENV}). */
    public static final String MIRROR_PROPERTY = "lamina.datasets.mirror";
    /** Environment variable naming a download mirror base URL. */
    public static final String MIRROR_ENV = "LAMINA_DATASETS_MIRROR";
    /** System property: {@code true} turns downloads off. */
    public static final String OFFLINE_PROPERTY = "lamina.datasets.offline";
    /** System property: {@code true}/{@code false} forces the download progress bar on or off. */
    public static final String PROGRESS_PROPERTY = "lamina.datasets.progress";
    /** Default connect timeout of downloads. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read timeout of downloads (longest wait for the next bytes). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(DatasetStore.class);
    private static final String RESOURCE_ROOT = "datasets/";

    private Path root;
    private Path datasetsDir;
    private Path cacheDir;
    private Path kerasCacheDir;
    private String mirror;
    private boolean download;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private boolean progress;
    private ClassLoader classLoader;

    private DatasetStore() {
    }

    /**
     * A store configured from the environment as it is now: {@code -Dlamina.datasets} /
     * {@code LAMINA_DATASETS}, {@code user.home}, {@code -Dlamina.datasets.mirror} /
     * {@code LAMINA_DATASETS_MIRROR}, {@code -Dlamina.datasets.offline}, and a progress bar only
     * when there is a console (or as {@code -Dlamina.datasets.progress} says).
     *
     * @return a new store
     */
    public static DatasetStore defaults() {
        DatasetStore s = new DatasetStore();
        String dir = firstNonBlank(System.getProperty(DATASETS_PROPERTY), System.getenv(DATASETS_ENV));
        s.datasetsDir = dir == null ? null : Path.of(dir);
        Path home = Path.of(System.getProperty("user.home"));
        s.cacheDir = home.resolve(".lamina").resolve("datasets");
        s.kerasCacheDir = home.resolve(".keras").resolve("datasets");
        s.mirror = firstNonBlank(System.getProperty(MIRROR_PROPERTY), System.getenv(MIRROR_ENV));
        s.download = !Boolean.parseBoolean(System.getProperty(OFFLINE_PROPERTY, "false"));
        String p = System.getProperty(PROGRESS_PROPERTY);
        s.progress = p != null ? Boolean.parseBoolean(p) : System.console() != null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        s.classLoader = context != null ? context : DatasetStore.class.getClassLoader();
        return s;
    }

    /**
     * Sets the root searched first (the folder that holds {@code mnist/}, {@code cifar-10-batches-bin/}, ...).
     *
     * @param root a datasets root, or null for none
     * @return this store
     */
    public DatasetStore root(Path root) {
        this.root = root;
        return this;
    }

    /**
     * Overrides the datasets root taken from {@code -Dlamina.datasets} / {@code LAMINA_DATASETS}.
     *
     * @param dir a datasets root, or null for none
     * @return this store
     */
    public DatasetStore datasetsDir(Path dir) {
        this.datasetsDir = dir;
        return this;
    }

    /**
     * Sets the user cache, searched third and where downloads go (default {@code ~/.lamina/datasets}).
     *
     * @param dir the cache folder
     * @return this store
     */
    public DatasetStore cacheDir(Path dir) {
        this.cacheDir = Objects.requireNonNull(dir, "cacheDir");
        return this;
    }

    /**
     * Sets Keras' cache folder (default {@code ~/.keras/datasets}).
     *
     * @param dir the folder holding {@code mnist.npz}, {@code fashion-mnist/}
     * @return this store
     */
    public DatasetStore kerasCacheDir(Path dir) {
        this.kerasCacheDir = Objects.requireNonNull(dir, "kerasCacheDir");
        return this;
    }

    /**
     * Downloads from this base URL instead of the canonical sources; files are fetched from
     * {@code <base>/<name>/<file>} (an archive, such as CIFAR-10's, from {@code <base>/<name>/<archive>}).
     *
     * @param baseUrl an http, https or file URL, or null for the canonical sources
     * @return this store
     */
    public DatasetStore mirror(String baseUrl) {
        this.mirror = baseUrl == null || baseUrl.isBlank() ? null : baseUrl;
        return this;
    }

    /**
     * Allows or forbids downloads (default: allowed unless {@code -Dlamina.datasets.offline=true}).
     *
     * @param allowed false to only search this machine
     * @return this store
     */
    public DatasetStore download(boolean allowed) {
        this.download = allowed;
        return this;
    }

    /**
     * Sets how long to wait for a download's connection (default 10 s).
     *
     * @param timeout a positive duration
     * @return this store
     */
    public DatasetStore connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /**
     * Sets how long a download may wait for its next bytes before it fails (default 30 s).
     *
     * @param timeout a positive duration
     * @return this store
     */
    public DatasetStore readTimeout(Duration timeout) {
        this.readTimeout = positive(timeout, "readTimeout");
        return this;
    }

    /**
     * Shows or hides the download progress bar on standard error.
     *
     * @param show true to draw it
     * @return this store
     */
    public DatasetStore progress(boolean show) {
        this.progress = show;
        return this;
    }

    /**
     * Sets the class loader whose resources {@code datasets/<name>/} are searched.
     *
     * @param loader a class loader
     * @return this store
     */
    public DatasetStore classLoader(ClassLoader loader) {
        this.classLoader = Objects.requireNonNull(loader, "classLoader");
        return this;
    }

    /**
     * The user cache, where downloads go.
     *
     * @return e.g. {@code ~/.lamina/datasets}
     */
    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * The folders searched on disk for a data set, in order, before Keras' cache, system packages,
     * the classpath and a download.
     *
     * @param name the data set's folder name
     * @return the candidate folders
     */
    public List<Path> searchFolders(String name) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path base : new Path[] {root, datasetsDir, cacheDir}) {
            if (base != null) {
                dirs.add(base.resolve(name).toAbsolutePath().normalize());
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * Finds the data set, downloading it when no copy is found and a download source is known.
     *
     * @param spec what to look for
     * @return where it is
     * @throws DatasetNotFoundException when there is no copy anywhere and no download succeeded
     * @throws LaminaIOException when a download completed but failed its checksum, or a folder could not be written
     */
    public DatasetLocation locate(DatasetSpec spec) {
        List<String> searched = new ArrayList<>();
        for (Path dir : searchFolders(spec.name())) {
            String problem = problem(dir, spec);
            if (problem == null) {
                return DatasetLocation.directory(dir, false);
            }
            searched.add(dir + ": " + problem);
        }
        if (spec.kerasNpz() != null) {
            Path npz = kerasCacheDir.resolve(spec.kerasNpz());
            if (Files.isRegularFile(npz)) {
                return DatasetLocation.kerasNpz(npz);
            }
            searched.add(npz + ": no such file (Keras' cache)");
        }
        List<Path> more = new ArrayList<>();
        if (spec.kerasDir() != null) {
            more.add(kerasCacheDir.resolve(spec.kerasDir()));
        }
        more.addAll(spec.systemDirs());
        for (Path dir : more) {
            String problem = problem(dir, spec);
            if (problem == null) {
                return DatasetLocation.directory(dir, false);
            }
            searched.add(dir + ": " + problem);
        }
        String folder = RESOURCE_ROOT + spec.name() + "/";
        String missing = missing(f -> classLoader.getResource(folder + f) != null, spec);
        if (missing == null) {
            return DatasetLocation.classpath(folder, classLoader);
        }
        searched.add("classpath:" + folder + ": " + missing);

        String failure;
        IOException cause = null;
        if (!spec.downloadable()) {
            failure = "no download source is known for " + spec.title();
        } else if (!download) {
            failure = "downloads are off (-D" + OFFLINE_PROPERTY + "=true or download(false))";
        } else {
            try {
                return DatasetLocation.directory(downloadInto(spec), true);
            } catch (Downloader.ChecksumException e) {
                // A mirror served other bytes than the published ones: say so, never fall back.
                throw new LaminaIOException(e);
            } catch (IOException e) {
                cause = e;
                failure = "failed: " + e.getMessage();
            }
        }
        throw notFound(spec, searched, failure, cause);
    }

    private DatasetNotFoundException notFound(DatasetSpec spec, List<String> searched, String failure,
            IOException cause) {
        Path target = cacheDir.resolve(spec.name()).toAbsolutePath().normalize();
        List<String> files = new ArrayList<>(spec.files());
        StringBuilder m = new StringBuilder();
        m.append(spec.title()).append(" was not found on this machine");
        m.append(spec.downloadable() ? " and could not be downloaded.\n" : ".\n");
        m.append("Needed files (folder '").append(spec.name()).append("'): ").append(String.join(", ", files));
        if (!spec.anyOf().isEmpty()) {
            files.addAll(spec.anyOf());
            m.append(files.size() > spec.anyOf().size() ? ", and at least one of " : "at least one of ")
                    .append(String.join(", ", spec.anyOf()));
        }
        m.append("\nSearched:\n");
        for (String s : searched) {
            m.append("  ").append(s).append('\n');
        }
        m.append("Download: ").append(failure).append('\n');
        m.append("Put the files into ").append(target).append(File.separator)
                .append(" (or into <dir>").append(File.separator).append(spec.name())
                .append(" with -D").append(DATASETS_PROPERTY).append("=<dir> or ").append(DATASETS_ENV)
                .append("=<dir>, or pass the folder holding '").append(spec.name()).append("' to load(Path))");
        if (spec.downloadable()) {
            m.append(", or point -D").append(MIRROR_PROPERTY).append(" / ").append(MIRROR_ENV)
                    .append(" at a server with the layout <base>/").append(spec.name()).append("/<file>");
        }
        m.append('.');
        if (spec.hint() != null) {
            m.append('\n').append(spec.hint());
        }
        return new DatasetNotFoundException(m.toString(), spec.name(), files, searched, cause);
    }

    /** Why a folder does not hold the data set, or null when it does. */
    private static String problem(Path dir, DatasetSpec spec) {
        if (!Files.isDirectory(dir)) {
            return "no such folder";
        }
        return missing(f -> Files.isRegularFile(dir.resolve(f)), spec);
    }

    private interface Presence {
        boolean has(String file);
    }

    private static String missing(Presence p, DatasetSpec spec) {
        List<String> absent = spec.files().stream().filter(f -> !p.has(f)).collect(Collectors.toList());
        boolean anyOk = spec.anyOf().isEmpty() || spec.anyOf().stream().anyMatch(p::has);
        if (absent.isEmpty() && anyOk) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        if (!absent.isEmpty()) {
            s.append(absent.size() == spec.files().size() && spec.files().size() > 1 ? "missing all of " : "missing ")
                    .append(String.join(", ", absent));
        }
        if (!anyOk) {
            s.append(s.length() == 0 ? "" : "; ").append("has none of ").append(String.join(", ", spec.anyOf()));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- downloads

    private Path downloadInto(DatasetSpec spec) throws IOException {
        Path dir = cacheDir.resolve(spec.name()).toAbsolutePath().normalize();
        List<Path> created = createDirectories(dir);
        boolean ok = false;
        try {
            Downloader downloader = new Downloader(connectTimeout, readTimeout, progress);
            if (spec.archive() != null) {
                downloadArchive(spec, dir, downloader);
            } else {
                for (Map.Entry<String, DatasetSpec.Remote> e : spec.downloads().entrySet()) {
                    Path target = dir.resolve(e.getKey());
                    if (Files.isRegularFile(target)) {
                        continue;
                    }
                    DatasetSpec.Remote r = e.getValue();
                    downloader.fetch(urls(spec, r), target, r.algorithm(), r.hash(), true);
                }
            }
            String problem = problem(dir, spec);
            if (problem != null) {
                throw new IOException("after the download, " + dir + " is still " + problem);
            }
            ok = true;
            LOG.info("{} is in {}", spec.title(), dir);
            return dir;
        } finally {
            if (!ok) {
                for (int i = created.size() - 1; i >= 0; i--) {
                    deleteIfEmpty(created.get(i));
                }
            }
        }
    }

    private List<String> urls(DatasetSpec spec, DatasetSpec.Remote r) {
        if (mirror != null) {
            String base = mirror.endsWith("/") ? mirror : mirror + "/";
            return List.of(base + spec.name() + "/" + r.file());
        }
        return r.urls();
    }

    private void downloadArchive(DatasetSpec spec, Path dir, Downloader downloader) throws IOException {
        DatasetSpec.Remote r = spec.archive();
        Path archive = dir.resolve(r.file());
        downloader.fetch(urls(spec, r), archive, r.algorithm(), r.hash(), false);
        try {
            Set<String> wanted = new HashSet<>(spec.allFiles());
            String prefix = spec.archivePrefix() == null ? "" : spec.archivePrefix() + "/";
            try (InputStream in = Streams.maybeGunzip(Files.newInputStream(archive), archive.toString())) {
                Tar.read(in, archive.toString(), (path, size, content) -> {
                    String p = path.startsWith("./") ? path.substring(2) : path;
                    if (!p.startsWith(prefix) || !wanted.contains(p.substring(prefix.length()))) {
                        return;
                    }
                    Path target = dir.resolve(p.substring(prefix.length()));
                    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
                    try {
                        Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
                        move(temp, target);
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                });
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<Path> createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the download folder " + dir + ": " + e, e);
        }
        return missing;
    }

    private static void deleteIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", dir, e.toString());
        }
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("Expected a positive duration. Received: " + name + "=" + d);
        }
        return d;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    @Override
    public String toString() {
        return "DatasetStore[root=" + root + ", datasetsDir=" + datasetsDir + ", cacheDir=" + cacheDir
                + ", kerasCacheDir=" + kerasCacheDir + ", mirror=" + mirror + ", download=" + download + "]";
    }
}
