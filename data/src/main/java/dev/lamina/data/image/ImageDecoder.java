package dev.lamina.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files and converts them to a colour mode as Keras' {@code load_img} does with
 * Pillow: PNG, JPEG, BMP, GIF and TIFF through {@code javax.imageio}, binary PGM/PPM through
 * {@link PnmReader}. Conversions follow Pillow: grayscale from colour is
 * {@code (19595 R + 38470 G + 7471 B + 32768) >> 16} (ITU-R 601-2), alpha is dropped or set to 255,
 * grayscale is copied to R, G and B.
 *
 * <p>Samples are read from the raster where Java would otherwise colour-manage them (its
 * {@code getRGB} turns linear-gray images lighter). 16-bit colour samples keep their high byte, as
 * Pillow's PNG decoder does; 16-bit grayscale keeps all 16 bits in "grayscale" mode (Keras keeps
 * Pillow's "I;16"), and its high byte in the colour modes (Pillow would clip to 255 instead).
 *
 * <p>Checked against Pillow 12.3 on PNG (L, LA, RGB, RGBA, palette, 1-bit, 16-bit), BMP, GIF,
 * TIFF, PGM/PPM (maxval 77 to 65535) and baseline JPEG files: identical samples, except the 16-bit
 * colour conversion above and palette TIFFs (off by one level: Java and Pillow reduce the TIFF's
 * 16-bit palette to 8 bits differently). Other JPEG decoders and encodings (progressive, CMYK) may differ by a
 * few levels or, for CMYK, fail with an error naming the file.
 */
final class ImageDecoder {

    /**
     * A decoded image: channels-last samples, 0..255, or 0..65535 when {@code sixteenBit} (one
     * channel only).
     */
    record RawImage(int width, int height, int channels, int[] samples, boolean sixteenBit) {
    }

    private ImageDecoder() {
    }

    /**
     * Reads a file and converts it to {@code channels} channels (1 grayscale, 3 RGB, 4 RGBA).
     *
     * @throws UncheckedIOException naming the file when it cannot be read or decoded
     */
    static RawImage read(Path file, int channels) {
        try {
            return convert(decode(Files.readAllBytes(file)), channels);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image file " + file + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // One request too large for the heap, refused before it was met: the JVM is healthy,
            // and the caller gets an error naming the file rather than a dead training run.
            throw new UncheckedIOException("Cannot read image file " + file + ": not enough memory to decode it ("
                    + e.getMessage() + ")", new IOException(e.toString(), e));
        } catch (RuntimeException e) {
            // Decoders report some corrupt data with runtime exceptions rather than IOException.
            throw new UncheckedIOException("Cannot read image file " + file + ": " + e,
                    new IOException(e.toString(), e));
        }
    }

    /**
     * Decodes an image after checking its size from its header ({@link ImageSizeCheck}).
     *
     * @throws IOException when the bytes are not a decodable image, or it is too large
     */
    static RawImage decode(byte[] bytes) throws IOException {
        if (PnmReader.looksLikePnm(bytes)) {
            return PnmReader.read(bytes);
        }
        // A memory-cached stream: ImageIO's default for streams caches to a temporary file.
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a PNG, JPEG, BMP, GIF, TIFF or binary PGM/PPM image (or a variant Java"
                        + " cannot decode)");
            }
            // What ImageIO.read does, with the size read from the header before any pixel is.
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageSizeCheck.check(reader.getWidth(0), reader.getHeight(0));
                return fromBufferedImage(reader.read(0, reader.getDefaultReadParam()));
            } finally {
                reader.dispose();
            }
        }
    }

    private static RawImage fromBufferedImage(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        int bands = raster.getNumBands();
        boolean direct = !(cm instanceof IndexColorModel) && !cm.isAlphaPremultiplied();
        int bits = cm.getComponentSize(0);
        boolean uniformBits = true;
        for (int b = 1; b < cm.getNumComponents(); b++) {
            uniformBits &= cm.getComponentSize(b) == bits;
        }
        if (direct && uniformBits && (bits == 8 || bits == 16)) {
            int type = cm.getColorSpace().getType();
            boolean gray = type == ColorSpace.TYPE_GRAY && (bands == 1 || bands == 2);
            boolean rgb = cm.getColorSpace().isCS_sRGB() && (bands == 3 || bands == 4);
            if (gray || rgb) {
                int[] samples = pixels(raster, w, h, bands);
                boolean sixteen = bits == 16;
                if (sixteen && bands > 1) {
                    for (int i = 0; i < samples.length; i++) {
                        samples[i] >>= 8;
                    }
                    sixteen = false;
                }
                return new RawImage(w, h, bands, samples, sixteen);
            }
        }
        // Palettes, packed 5/6-bit pixels, CMYK and other colour spaces: let Java convert to sRGB.
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int ch = cm.hasAlpha() ? 4 : 3;
        int[] samples = new int[w * h * ch];
        for (int i = 0, o = 0; i < argb.length; i++, o += ch) {
            int p = argb[i];
            samples[o] = (p >> 16) & 0xFF;
            samples[o + 1] = (p >> 8) & 0xFF;
            samples[o + 2] = p & 0xFF;
            if (ch == 4) {
                samples[o + 3] = (p >>> 24) & 0xFF;
            }
        }
        return new RawImage(w, h, ch, samples, false);
    }

    /**
     * All samples of a raster, pixel by pixel, band by band. Reads the data buffer directly for the
     * layouts ImageIO's decoders produce (interleaved bytes or shorts, packed ints): three times
     * faster than {@code Raster.getPixels}, which goes through the sample model per pixel.
     */
    private static int[] pixels(Raster raster, int w, int h, int bands) {
        SampleModel sm = raster.getSampleModel();
        DataBuffer db = raster.getDataBuffer();
        int dx = -raster.getSampleModelTranslateX();
        int dy = -raster.getSampleModelTranslateY();
        int[] out = new int[w * h * bands];
        if (sm instanceof ComponentSampleModel csm && db.getNumBanks() == 1
                && (db instanceof DataBufferByte || db instanceof DataBufferUShort)) {
            int[] offsets = csm.getBandOffsets();
            int[] banks = csm.getBankIndices();
            for (int b = 0; b < bands; b++) {
                if (banks[b] != 0) {
                    return raster.getPixels(0, 0, w, h, (int[]) null);
                }
            }
            int ps = csm.getPixelStride();
            int ss = csm.getScanlineStride();
            byte[] bytes = db instanceof DataBufferByte byteBuffer ? byteBuffer.getData() : null;
            short[] shorts = db instanceof DataBufferUShort shortBuffer ? shortBuffer.getData() : null;
            int o = 0;
            for (int y = 0; y < h; y++) {
                int row = db.getOffset() + (y + dy) * ss + dx * ps;
                for (int x = 0; x < w; x++, row += ps) {
                    for (int b = 0; b < bands; b++) {
                        out[o++] = bytes != null ? bytes[row + offsets[b]] & 0xFF : shorts[row + offsets[b]] & 0xFFFF;
                    }
                }
            }
            return out;
        }
        if (sm instanceof SinglePixelPackedSampleModel sppsm && db instanceof DataBufferInt intBuffer
                && db.getNumBanks() == 1) {
            int[] masks = sppsm.getBitMasks();
            int[] shifts = sppsm.getBitOffsets();
            int[] data = intBuffer.getData();
            int ss = sppsm.getScanlineStride();
            int o = 0;
            for (int y = 0; y < h; y++) {
                int row = db.getOffset() + (y + dy) * ss + dx;
                for (int x = 0; x < w; x++) {
                    int p = data[row + x];
                    for (int b = 0; b < bands; b++) {
                        out[o++] = (p & masks[b]) >>> shifts[b];
                    }
                }
            }
            return out;
        }
        return raster.getPixels(0, 0, w, h, out);
    }

    /** Pillow's {@code convert} to L, RGB or RGBA (by channel count), from 1 to 4 channels. */
    static RawImage convert(RawImage in, int channels) {
        if (in.channels() == channels) {
            return in;
        }
        int n = in.width() * in.height();
        int[] src = in.samples();
        int inCh = in.channels();
        int[] out = new int[n * channels];
        for (int i = 0; i < n; i++) {
            int s = i * inCh;
            int o = i * channels;
            if (channels == 1) {
                // Grayscale + alpha keeps its gray; colour uses Pillow's L24 luma in 16.16 fixed point.
                out[o] = inCh <= 2 ? src[s] : (src[s] * 19595 + src[s + 1] * 38470 + src[s + 2] * 7471 + 0x8000) >> 16;
                continue;
            }
            int gray = in.sixteenBit() ? src[s] >> 8 : src[s];
            boolean colour = inCh >= 3;
            out[o] = colour ? src[s] : gray;
            out[o + 1] = colour ? src[s + 1] : gray;
            out[o + 2] = colour ? src[s + 2] : gray;
            if (channels == 4) {
                out[o + 3] = inCh == 4 ? src[s + 3] : inCh == 2 ? src[s + 1] : 255;
            }
        }
        return new RawImage(in.width(), in.height(), channels, out, channels == 1 && in.sixteenBit());
    }
}
