package dev.lamina.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening data files with clear errors, and transparent gzip detection by the gzip magic bytes. */
final class Streams {

    static final int BUFFER = 1 << 16;

    private Streams() {
    }

    /**
     * Opens a regular file for reading; a missing file, a directory or an unreadable file gives an
     * {@link IOException} whose message names the file and the reason.
     */
    static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException("Cannot read " + file + ": it is a directory, not a file");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException("Cannot read " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("Cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when the stream starts with the gzip magic bytes 1f 8b (the stream must support mark). */
    static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /**
     * Buffers the stream and, when it starts with the gzip magic, decompresses it. Errors from a
     * corrupt or truncated gzip stream become {@link DatasetFormatException}s naming the file.
     */
    static InputStream maybeGunzip(InputStream raw, String name) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, BUFFER);
        if (!isGzip(in)) {
            return in;
        }
        return gunzip(in, name);
    }

    /** Decompresses a gzip stream, turning its low-level errors into messages that name the file. */
    static InputStream gunzip(InputStream in, String name) throws IOException {
        GZIPInputStream gz;
        try {
            gz = new GZIPInputStream(in, BUFFER);
        } catch (EOFException | ZipException e) {
            throw corrupt(name, e);
        }
        return new FilterInputStream(gz) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (EOFException | ZipException e) {
                    throw corrupt(name, e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (EOFException | ZipException e) {
                    throw corrupt(name, e);
                }
            }
        };
    }

    private static DatasetFormatException corrupt(String name, IOException e) {
        String what = e instanceof EOFException ? "truncated gzip data" : "corrupt gzip data";
        return new DatasetFormatException(name, what + " (" + e.getMessage() + ")", e);
    }

    /** Reads exactly {@code n} bytes or fails with a message naming the file and what was being read. */
    static byte[] readFully(InputStream in, int n, String name, String what) throws IOException {
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            int got = in.read(out, done, n - done);
            if (got < 0) {
                throw new DatasetFormatException(name, "too short: the file ends inside the " + what
                        + " (" + done + " of " + n + " bytes)");
            }
            done += got;
        }
        return out;
    }
}
