package dev.lamina.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file into place: into a temporary file in the target folder, checked against its
 * expected hash, then renamed atomically. A failed or mismatching download leaves nothing behind.
 */
final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final int MAX_REDIRECTS = 5;

    /** The downloaded bytes do not have the expected hash; the download was discarded. */
    static final class ChecksumException extends IOException {
        private static final long serialVersionUID = 1L;

        ChecksumException(String message) {
            super(message);
        }
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final boolean progress;

    Downloader(Duration connectTimeout, Duration readTimeout, boolean progress) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.progress = progress;
    }

    /**
     * Fetches the first URL that works into {@code target}.
     *
     * @param decompressedHash hash the content after gunzip (when the bytes are gzip)
     * @throws ChecksumException when a download completed but did not match (after trying all URLs)
     * @throws IOException naming every URL and why it failed
     */
    void fetch(List<String> urls, Path target, String algorithm, String expected, boolean decompressedHash)
            throws IOException {
        StringBuilder failures = new StringBuilder();
        ChecksumException mismatch = null;
        IOException last = null;
        for (String url : urls) {
            try {
                fetchOne(url, target, algorithm, expected, decompressedHash);
                return;
            } catch (ChecksumException e) {
                mismatch = mismatch == null ? e : mismatch;
                LOG.warn("{}", e.getMessage());
            } catch (IOException e) {
                last = e;
                failures.append(failures.length() == 0 ? "" : "; ").append(e.getMessage());
                LOG.debug("Download failed: {}", e.getMessage());
            }
        }
        if (mismatch != null) {
            throw mismatch;
        }
        throw new IOException(failures.toString(), last);
    }

    private void fetchOne(String url, Path target, String algorithm, String expected, boolean decompressedHash)
            throws IOException {
        Path dir = target.getParent();
        String file = target.getFileName().toString();
        URLConnection connection = connect(url);
        Path temp = null;
        boolean moved = false;
        try {
            long length = connection.getContentLengthLong();
            temp = Files.createTempFile(dir, "." + file + ".", ".part");
            MessageDigest rawDigest = digest(algorithm);
            LOG.info("Downloading {} into {}", url, dir);
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(temp)) {
                copy(in, out, rawDigest, length, file, url);
            }
            String actual;
            if (decompressedHash) {
                actual = hashContent(temp, algorithm, url);
            } else {
                actual = HexFormat.of().formatHex(rawDigest.digest());
            }
            if (!actual.equalsIgnoreCase(expected)) {
                throw new ChecksumException("Checksum mismatch for " + file + " downloaded from " + url
                        + ": expected " + algorithm + " " + expected
                        + (decompressedHash ? " (of the decompressed content)" : "") + ", got " + actual
                        + ". The download was discarded.");
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (connection instanceof HttpURLConnection http) {
                http.disconnect();
            }
            if (temp != null && !moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private URLConnection connect(String url) throws IOException {
        String current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            URLConnection c;
            try {
                c = new URI(current).toURL().openConnection();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException(url + ": not a valid URL (" + e.getMessage() + ")", e);
            }
            c.setConnectTimeout(millis(connectTimeout));
            c.setReadTimeout(millis(readTimeout));
            c.setRequestProperty("User-Agent", "Lamina dataset loader");
            if (!(c instanceof HttpURLConnection http)) {
                try {
                    c.connect();
                } catch (IOException e) {
                    throw new IOException(current + ": " + e, e);
                }
                return c;
            }
            http.setInstanceFollowRedirects(false);
            int code;
            try {
                code = http.getResponseCode();
            } catch (IOException e) {
                http.disconnect();
                throw new IOException(current + ": " + describe(e), e);
            }
            if (code == 200) {
                return http;
            }
            String location = http.getHeaderField("Location");
            String message = http.getResponseMessage();
            http.disconnect();
            if (code >= 300 && code < 400 && location != null) {
                current = URI.create(current).resolve(location).toString();
                continue;
            }
            throw new IOException("HTTP " + code + (message == null ? "" : " " + message) + " from " + current);
        }
        throw new IOException(url + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private void copy(InputStream in, OutputStream out, MessageDigest digest, long length, String file, String url)
            throws IOException {
        byte[] buf = new byte[Streams.BUFFER];
        long done = 0;
        Bar bar = progress ? new Bar(file, length, System.err) : null;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                digest.update(buf, 0, n);
                done += n;
                if (bar != null) {
                    bar.update(done);
                }
            }
        } catch (IOException e) {
            throw new IOException(url + ": " + describe(e) + " after " + done + " bytes", e);
        } finally {
            if (bar != null) {
                bar.finish(done);
            }
        }
        if (length >= 0 && done != length) {
            throw new IOException(url + ": connection closed after " + done + " of " + length + " bytes");
        }
    }

    private String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return m.contains("connect")
                    ? "connect timed out after " + seconds(connectTimeout)
                    : "timed out: no data for " + seconds(readTimeout) + " (read timeout)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage() + " (offline?)";
        }
        return e.toString();
    }

    private static String hashContent(Path file, String algorithm, String url) throws IOException {
        MessageDigest d = digest(algorithm);
        try (InputStream in = Streams.maybeGunzip(Files.newInputStream(file), file.getFileName() + " from " + url)) {
            byte[] buf = new byte[Streams.BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                d.update(buf, 0, n);
            }
        } catch (DatasetFormatException e) {
            throw new ChecksumException("The download of " + e.getMessage() + "; it was discarded.");
        }
        return HexFormat.of().formatHex(d.digest());
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available in this JVM", e);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    /** A one-line progress bar redrawn with carriage returns, at most ten times a second. */
    static final class Bar {
        private static final int WIDTH = 30;
        private final String file;
        private final long total;
        private final PrintStream out;
        private long lastDraw;

        Bar(String file, long total, PrintStream out) {
            this.file = file;
            this.total = total;
            this.out = out;
        }

        void update(long done) {
            long now = System.nanoTime();
            if (now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            draw(done);
        }

        void finish(long done) {
            draw(done);
            out.print('\n');
            out.flush();
        }

        private void draw(long done) {
            StringBuilder s = new StringBuilder("\r").append(file).append(' ');
            if (total > 0) {
                int filled = (int) (WIDTH * Math.min(done, total) / total);
                s.append('[').append("=".repeat(filled)).append(filled < WIDTH ? ">" : "")
                        .append(" ".repeat(Math.max(0, WIDTH - filled - 1))).append("] ")
                        .append(String.format("%3d%% ", 100 * Math.min(done, total) / total))
                        .append(String.format("%.1f/%.1f MB", done / 1e6, total / 1e6));
            } else {
                s.append(String.format("%.1f MB", done / 1e6));
            }
            out.print(s);
            out.flush();
        }
    }
}
