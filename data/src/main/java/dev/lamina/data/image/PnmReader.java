package dev.lamina.data.image;

import java.io.IOException;

/**
 * Reads binary Netpbm images, which {@code javax.imageio} does not: P5 (grayscale, ".pgm") and P6
 * (RGB, ".ppm"), 8 or 16 bits per sample. As Pillow does, samples are scaled to 0..255 when the
 * maximum value is not 255 ({@code round(v / maxval · 255)}, half to even), except 16-bit
 * grayscale, which is scaled to 0..65535 (Pillow's mode "I").
 */
final class PnmReader {

    private PnmReader() {
    }

    /** Whether the bytes start like a binary PGM or PPM. */
    static boolean looksLikePnm(byte[] bytes) {
        return bytes.length >= 2 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '6');
    }

    /**
     * Decodes a whole file.
     *
     * @throws IOException when the header is malformed or the data is short
     */
    static ImageDecoder.RawImage read(byte[] bytes) throws IOException {
        if (!looksLikePnm(bytes)) {
            throw new IOException("not a binary PGM/PPM file (expected \"P5\" or \"P6\")");
        }
        int channels = bytes[1] == '5' ? 1 : 3;
        int[] pos = {2};
        int width = header(bytes, pos, "width");
        int height = header(bytes, pos, "height");
        int maxval = header(bytes, pos, "maxval");
        if (width <= 0 || height <= 0 || maxval <= 0 || maxval > 65535) {
            throw new IOException("bad PGM/PPM header: width=" + width + ", height=" + height + ", maxval=" + maxval);
        }
        ImageSizeCheck.check(width, height);
        // Exactly one whitespace byte separates the header from the samples.
        int start = pos[0] + 1;
        int bytesPerSample = maxval > 255 ? 2 : 1;
        long needed = (long) width * height * channels * bytesPerSample;
        if (start + needed > bytes.length) {
            throw new IOException("PGM/PPM data is truncated: " + width + "x" + height + "x" + channels + " samples of "
                    + bytesPerSample + " byte(s) need " + needed + " bytes, the file has " + (bytes.length - start));
        }
        boolean sixteenBit = channels == 1 && maxval > 255;
        int outMax = sixteenBit ? 65535 : 255;
        int[] samples = new int[width * height * channels];
        for (int i = 0, p = start; i < samples.length; i++, p += bytesPerSample) {
            int v = bytesPerSample == 2 ? ((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF) : bytes[p] & 0xFF;
            samples[i] = maxval == outMax ? v : (int) Math.min(outMax, Math.rint((double) v / maxval * outMax));
        }
        return new ImageDecoder.RawImage(width, height, channels, samples, sixteenBit);
    }

    /** The next decimal header field, skipping whitespace and '#' comments. */
    private static int header(byte[] b, int[] pos, String what) throws IOException {
        int p = pos[0];
        while (p < b.length) {
            if (b[p] == '#') {
                while (p < b.length && b[p] != '\n' && b[p] != '\r') {
                    p++;
                }
            } else if (Character.isWhitespace(b[p])) {
                p++;
            } else {
                break;
            }
        }
        long v = 0;
        int digits = 0;
        while (p < b.length && b[p] >= '0' && b[p] <= '9' && v <= Integer.MAX_VALUE) {
            v = v * 10 + (b[p] - '0');
            p++;
            digits++;
        }
        if (digits == 0 || v > Integer.MAX_VALUE) {
            throw new IOException("bad PGM/PPM header: no valid " + what);
        }
        pos[0] = p;
        return (int) v;
    }
}
