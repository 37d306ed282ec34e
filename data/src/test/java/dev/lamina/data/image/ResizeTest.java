package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Resizing and decoding against values Pillow 12.3 produced for the same inputs
 * ({@code Image.fromarray(...).resize(...)}), and the binary PGM/PPM reader.
 */
class ResizeTest {

    /** A 4x6 grayscale image: 0, 10, …, 230 row by row. */
    private static int[] ramp() {
        int[] v = new int[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = 10 * i;
        }
        return v;
    }

    private static int[] resize(int[] src, int w, int h, int ch, int outW, int outH, String filter) {
        return Resize.resize(src, w, h, ch, outW, outH, new int[] {0, 0, w, h}, Resize.Filter.of(filter), false);
    }

    @Test
    void bilinearShrinkAntialiasesAsPillow() {
        assertThat(resize(ramp(), 6, 4, 1, 3, 2, "bilinear")).containsExactly(50, 68, 86, 144, 162, 180);
    }

    @Test
    void bicubicAsPillow() {
        assertThat(resize(ramp(), 6, 4, 1, 4, 5, "bicubic"))
                .containsExactly(0, 14, 30, 44, 42, 56, 72, 86, 93, 107, 123, 137, 144, 158, 174, 188, 186, 200, 216, 230);
    }

    @Test
    void nearestAsPillow() {
        assertThat(resize(ramp(), 6, 4, 1, 4, 3, "nearest")).containsExactly(0, 20, 30, 50, 120, 140, 150, 170, 180, 200,
                210, 230);
    }

    @Test
    void rgbaIsResampledPremultipliedAsPillow() {
        int[] rgba = {200, 100, 50, 255, 10, 20, 30, 0, 0, 0, 0, 128, 255, 255, 255, 64};
        assertThat(resize(rgba, 2, 2, 4, 3, 1, "bilinear")).containsExactly(132, 66, 33, 192, 150, 93, 66, 112, 255, 255,
                255, 32);
    }

    @Test
    void pnmWithOddMaxvalIsScaledAsPillow() throws IOException {
        byte[] header = "P6 2 1 100\n".getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[header.length + 6];
        System.arraycopy(header, 0, file, 0, header.length);
        byte[] data = {0, 50, 100, 1, 2, 3};
        System.arraycopy(data, 0, file, header.length, data.length);
        ImageDecoder.RawImage img = ImageDecoder.decode(file);
        assertThat(img.channels()).isEqualTo(3);
        // round(v / 100 · 255), half to even: 127.5 → 128, 2.55 → 3, 5.1 → 5, 7.65 → 8
        assertThat(img.samples()).containsExactly(0, 128, 255, 3, 5, 8);
    }

    @Test
    void truncatedPnmIsAnError() {
        byte[] file = "P5\n4 4\n255\n\u0001\u0002".getBytes(StandardCharsets.ISO_8859_1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageDecoder.decode(file))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }
}
