package dev.lamina.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small reader for tar archives (POSIX ustar, with GNU long names and pax path records), enough
 * to unpack data-set archives such as {@code cifar-10-binary.tar.gz} without another library.
 * It hands each regular file to a callback; links and devices are skipped.
 */
final class Tar {

    static final int BLOCK = 512;

    /** Receives each regular file of the archive; {@code content} ends at the end of the entry. */
    interface EntryHandler {
        void entry(String path, long size, InputStream content) throws IOException;
    }

    private Tar() {
    }

    /** Reads the archive (already decompressed) to its end-of-archive block. */
    static void read(InputStream in, String name, EntryHandler handler) throws IOException {
        String longName = null;
        while (true) {
            byte[] header = readBlock(in, name);
            if (header == null || isZero(header)) {
                return;
            }
            checkChecksum(header, name);
            long size = size(header, name);
            char type = (char) header[156];
            String path = longName != null ? longName : path(header);
            longName = null;
            if (type == 'L' || type == 'x') {
                if (size > (1 << 20)) {
                    throw new DatasetFormatException(name, "tar extended header of " + size + " bytes is not plausible");
                }
                byte[] data = Streams.readFully(in, (int) size, name, "tar extended header");
                skip(in, padding(size), name);
                longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
                continue;
            }
            Bounded content = new Bounded(in, size);
            if (type == '0' || type == 0 || type == '7') {
                handler.entry(path, size, content);
            }
            skip(content, content.remaining, name);
            skip(in, padding(size), name);
        }
    }

    private static byte[] readBlock(InputStream in, String name) throws IOException {
        byte[] block = new byte[BLOCK];
        int done = 0;
        while (done < BLOCK) {
            int got = in.read(block, done, BLOCK - done);
            if (got < 0) {
                if (done == 0) {
                    return null;
                }
                throw new DatasetFormatException(name, "truncated tar archive (a header block is cut short)");
            }
            done += got;
        }
        return block;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkChecksum(byte[] h, String name) throws DatasetFormatException {
        long stored = octal(h, 148, 8, name, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
        }
        if (sum != stored) {
            throw new DatasetFormatException(name, "corrupt tar archive (header checksum " + stored
                    + " does not match " + sum + ")");
        }
    }

    private static long size(byte[] h, String name) throws DatasetFormatException {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        }
        return octal(h, 124, 12, name, "size");
    }

    private static long octal(byte[] h, int at, int len, String name, String field) throws DatasetFormatException {
        long v = 0;
        int i = at;
        int end = at + len;
        while (i < end && (h[i] == ' ' || h[i] == 0)) {
            i++;
        }
        for (; i < end && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new DatasetFormatException(name, "corrupt tar archive (bad " + field + " field)");
            }
            v = v * 8 + (h[i] - '0');
        }
        return v;
    }

    private static String path(byte[] h) {
        String n = cString(h, 0, 100);
        boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
        if (ustar && h[345] != 0) {
            return cString(h, 345, 155) + "/" + n;
        }
        return n;
    }

    private static String cString(byte[] b, int at, int len) {
        int end = at;
        while (end < at + len && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.UTF_8);
    }

    private static String paxPath(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        for (String record : text.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 6);
            }
        }
        return null;
    }

    private static long padding(long size) {
        long r = size % BLOCK;
        return r == 0 ? 0 : BLOCK - r;
    }

    private static void skip(InputStream in, long n, String name) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int got = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (got < 0) {
                throw new DatasetFormatException(name, "truncated tar archive (an entry is cut short)");
            }
            n -= got;
        }
    }

    /** The content of one entry: a view of the archive stream that stops at the entry's end. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int got = in.read(b, off, (int) Math.min(len, remaining));
            if (got > 0) {
                remaining -= got;
            }
            return got;
        }

        @Override
        public void close() {
            // the archive stream stays open
        }
    }
}
