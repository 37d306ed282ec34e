package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.LaminaIOException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decompression bombs: images refused from their header's size, never by running out of memory. */
class ImageSizeLimitTest {

    @TempDir
    Path dir;

    @AfterEach
    void restoreTheDefault() {
        ImageUtils.setMaxImagePixels(ImageSizeCheck.DEFAULT_MAX_PIXELS);
    }

    /** A valid black 1-bit grayscale PNG of {@code size x size} pixels, written row by row. */
    private Path blackPng(int size) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + (size + 7) / 8]; // filter type 0, then the row's bits
            for (int y = 0; y < size; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(size);
        h.writeInt(size);
        h.write(new byte[] {1, 0, 0, 0, 0}); // bit depth 1, grayscale, deflate, no filter, no interlace
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.toByteArray());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        Path p = dir.resolve("bomb.png");
        Files.write(p, png.toByteArray());
        return p;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void aSmallPngOfHugeDimensionsIsRefusedFromItsHeader() throws IOException {
        Path bomb = blackPng(20_000);
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertThat(ImageUtils.maxImagePixels()).isEqualTo(89_478_485L);
        assertThatThrownBy(() -> ImageUtils.load(bomb)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("bomb.png")
                .hasMessageContaining("20000x20000 = 400000000 pixels) exceeds the limit of 89478485 pixels");
    }

    @Test
    void withoutTheLimitTheImageFailsOnMemoryWithAnErrorNotAnOutOfMemoryError() throws IOException {
        Path bomb = blackPng(20_000);
        ImageUtils.setMaxImagePixels(0);
        assertThat(ImageUtils.maxImagePixels()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ImageUtils.load(bomb, "grayscale")).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("bomb.png").hasMessageContaining("more than the");
    }

    @Test
    void theLimitIsConfigurableAndAppliesToEveryFormat() throws IOException {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        Path png = dir.resolve("small.png");
        ImageIO.write(img, "png", png.toFile());
        assertThat(ImageUtils.load(png).shape()).containsExactly(2, 4, 3);
        ImageUtils.setMaxImagePixels(7);
        assertThatThrownBy(() -> ImageUtils.load(png)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("exceeds the limit of 7 pixels");
        // A PGM header promising 20000x20000 over a few bytes.
        ImageUtils.setMaxImagePixels(ImageSizeCheck.DEFAULT_MAX_PIXELS);
        Path pgm = dir.resolve("huge.pgm");
        Files.write(pgm, "P5 20000 20000 255\n\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ImageUtils.load(pgm)).isInstanceOf(LaminaIOException.class)
                .hasMessageContaining("huge.pgm").hasMessageContaining("exceeds the limit");
    }
}
