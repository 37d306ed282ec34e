package dev.lamina.applications;

import dev.lamina.core.LaminaIOException;
import dev.lamina.data.DatasetLocation;
import dev.lamina.data.DatasetStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a {@link KerasFile} as Keras' {@code get_file} would, and in Lamina's dataset store: first
 * Keras' cache ({@code $KERAS_HOME/models}, {@code ~/.keras/models}), where only a copy with the
 * published MD5 counts (Keras itself downloads again over a mismatching one), then the store's
 * folders, classpath and verified download. A copy the store finds locally is checked by MD5 too,
 * so a damaged file is never read as weights.
 */
final class KerasCache {

    /** The environment variable Keras reads for its cache root. */
    static final String KERAS_HOME_ENV = "KERAS_HOME";

    private static final Logger LOG = LoggerFactory.getLogger(KerasCache.class);

    private KerasCache() {
    }

    /**
     * The file's path on this machine, downloading it into the store when it is nowhere.
     *
     * @throws LaminaIOException when the file cannot be found or downloaded, or the copy found or
     *     downloaded does not have the expected MD5 (a download is then discarded)
     */
    static Path resolve(KerasFile file, DatasetStore store) {
        for (Path dir : kerasCacheDirs()) {
            Path p = dir.resolve(file.fileName());
            if (Files.isRegularFile(p)) {
                String actual = md5(p);
                if (actual.equalsIgnoreCase(file.md5())) {
                    return p;
                }
                LOG.warn("Ignoring {}: its MD5 is {}, Keras publishes {}", p, actual, file.md5());
            }
        }
        DatasetLocation where = store.locate(file.spec());
        Path p = where.directory().map(d -> d.resolve(file.fileName())).orElseGet(() -> copyOut(where, file));
        if (!where.downloaded()) {
            // The store checks downloads, not the files it finds; weights must be the published ones.
            String actual = md5(p);
            if (!actual.equalsIgnoreCase(file.md5())) {
                throw new LaminaIOException(new IOException(p + ": MD5 " + actual + " is not the published "
                        + file.md5() + " of " + file.fileName() + " (damaged or another file); delete it to download "
                        + "it again"));
            }
        }
        return p;
    }

    /** Keras' cache folders for {@code cache_subdir="models"}: {@code $KERAS_HOME/models}, then {@code ~/.keras/models}. */
    static List<Path> kerasCacheDirs() {
        Set<Path> dirs = new LinkedHashSet<>();
        String home = System.getenv(KERAS_HOME_ENV);
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home).resolve("models"));
        }
        dirs.add(Path.of(System.getProperty("user.home")).resolve(".keras").resolve("models"));
        return new ArrayList<>(dirs);
    }

    /** A classpath copy as a file (HDF5 is read by random access), checked like any other. */
    private static Path copyOut(DatasetLocation where, KerasFile file) {
        try (InputStream in = where.open(file.fileName())) {
            Path tmp = Files.createTempFile("lamina-", "-" + file.fileName());
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        } catch (IOException e) {
            throw new LaminaIOException("cannot copy " + where.describe(file.fileName()) + " out: " + e, e);
        }
    }

    /** The MD5 of a file's bytes, as 32 lower-case hex digits. */
    static String md5(Path file) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                d.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new LaminaIOException("cannot read " + file + ": " + e, e);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
