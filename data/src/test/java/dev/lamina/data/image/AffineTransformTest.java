package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The geometry of {@link ImageDataGenerator#applyTransform} on small synthetic images, against
 * Keras' transform formula written out independently here, and against values computed by Keras'
 * {@code apply_affine_transform} with scipy 1.17.1.
 */
class AffineTransformTest {

    /** An image whose value at (r, c, k) is 100 r + 10 c + k, so every pixel says where it came from. */
    private static INDArray coded(int h, int w, int ch) {
        float[] v = new float[h * w * ch];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                for (int k = 0; k < ch; k++) {
                    v[(r * w + c) * ch + k] = 100 * r + 10 * c + k;
                }
            }
        }
        return Nd4j.create(v, new long[] {h, w, ch}, 'c');
    }

    private static float at(INDArray img, int r, int c, int k) {
        return img.getFloat(r, c, k);
    }

    @Test
    void horizontalFlipMirrorsColumns() {
        INDArray in = coded(3, 4, 2);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity().withFlips(true, false));
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(at(out, r, c, 1)).isEqualTo(at(in, r, 3 - c, 1));
            }
        }
    }

    @Test
    void verticalFlipMirrorsRows() {
        INDArray in = coded(3, 4, 2);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity().withFlips(false, true));
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(at(out, r, c, 0)).isEqualTo(at(in, 2 - r, c, 0));
            }
        }
    }

    @Test
    void positiveTxSamplesFurtherAlongColumns() {
        INDArray in = coded(4, 5, 1);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity().withShift(1, 0));
        // The pixel at input column 3 is now at column 2; the last column repeats the edge (nearest).
        assertThat(at(out, 2, 2, 0)).isEqualTo(at(in, 2, 3, 0));
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(at(out, r, c, 0)).isEqualTo(at(in, r, c + 1, 0));
            }
            assertThat(at(out, r, 4, 0)).isEqualTo(at(in, r, 4, 0));
        }
    }

    @Test
    void negativeTyMovesContentDown() {
        INDArray in = coded(5, 3, 1);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity().withShift(0, -2));
        for (int c = 0; c < 3; c++) {
            for (int r = 2; r < 5; r++) {
                assertThat(at(out, r, c, 0)).isEqualTo(at(in, r - 2, c, 0));
            }
            assertThat(at(out, 0, c, 0)).isEqualTo(at(in, 0, c, 0));
            assertThat(at(out, 1, c, 0)).isEqualTo(at(in, 0, c, 0));
        }
    }

    @Test
    void rotationBy90TurnsCounterClockwise() {
        // Keras: x_in = o + cos·(x-o) - sin·(y-o), y_in = o + sin·(x-o) + cos·(y-o) with x the column;
        // at 90°: column_in = 2o - r, row_in = c. The top-right pixel moves to the top-left.
        int n = 5;
        INDArray in = coded(n, n, 3);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity().withTheta(90));
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                for (int k = 0; k < 3; k++) {
                    assertThat(at(out, r, c, k)).isCloseTo(at(in, c, n - 1 - r, k), within(1e-3f));
                }
            }
        }
        assertThat(at(out, 0, 0, 0)).isCloseTo(at(in, 0, n - 1, 0), within(1e-3f));
    }

    @Test
    void rotationBy180OfANonSquareImageIsBothFlips() {
        // Lamina pivots on the true centre (Keras pivots x on (height - 1) / 2).
        INDArray in = coded(3, 6, 1);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity().withTheta(180));
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 6; c++) {
                assertThat(at(out, r, c, 0)).isCloseTo(at(in, 2 - r, 5 - c, 0), within(1e-3f));
            }
        }
    }

    /** Expected value at output (r, c) for a transform, computed here from Keras' matrix formula. */
    private static double expected(INDArray in, double theta, double tx, double ty, double shear, double zx, double zy,
            int r, int c) {
        int h = (int) in.size(0);
        int w = (int) in.size(1);
        double ox = (w - 1) / 2.0;
        double oy = (h - 1) / 2.0;
        // Sampling coordinates relative to the centre, through zoom, shear, shift, rotation (in that order).
        double x = c - ox;
        double y = r - oy;
        x *= zx;
        y *= zy;
        double s = Math.toRadians(shear);
        double xs = x - Math.sin(s) * y;
        double ys = Math.cos(s) * y;
        xs += tx;
        ys += ty;
        double t = Math.toRadians(theta);
        double xin = Math.cos(t) * xs - Math.sin(t) * ys + ox;
        double yin = Math.sin(t) * xs + Math.cos(t) * ys + oy;
        return bilinear(in, yin, xin);
    }

    private static double bilinear(INDArray in, double row, double col) {
        int r0 = (int) Math.floor(row);
        int c0 = (int) Math.floor(col);
        double fr = row - r0;
        double fc = col - c0;
        return (1 - fr) * ((1 - fc) * in.getDouble(r0, c0, 0) + fc * in.getDouble(r0, c0 + 1, 0))
                + fr * ((1 - fc) * in.getDouble(r0 + 1, c0, 0) + fc * in.getDouble(r0 + 1, c0 + 1, 0));
    }

    @ParameterizedTest
    @CsvSource({
        // theta, tx, ty, shear, zx, zy
        "30, 0, 0, 0, 1, 1",
        "-47.5, 0, 0, 0, 1, 1",
        "0, 0, 0, 0, 0.5, 1.5",
        "0, 0, 0, 0, 1.3, 0.7",
        "0, 0, 0, 20, 1, 1",
        "0, 0.4, -0.25, 0, 1, 1",
        "12, 0.6, -0.3, 8, 0.9, 1.1",
    })
    void interiorPointsMatchKerasFormula(double theta, double tx, double ty, double shear, double zx, double zy) {
        INDArray in = coded(9, 9, 1);
        TransformParams p = new TransformParams(theta, tx, ty, shear, zx, zy, false, false, null, null);
        INDArray out = new ImageDataGenerator().applyTransform(in, p);
        // Points near the centre sample inside the image for all these transforms.
        for (int r = 3; r <= 5; r++) {
            for (int c = 3; c <= 5; c++) {
                assertThat((double) at(out, r, c, 0)).isCloseTo(expected(in, theta, tx, ty, shear, zx, zy, r, c),
                        within(1e-3));
            }
        }
    }

    @Test
    void zoomBelowOneEnlargesAboutTheCentre() {
        // zx = zy = 0.5 on 5x5: output (r, c) samples (2 + (r-2)/2, 2 + (c-2)/2).
        INDArray in = coded(5, 5, 1);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity().withZoom(0.5, 0.5));
        assertThat(at(out, 2, 2, 0)).isEqualTo(at(in, 2, 2, 0));
        assertThat(at(out, 0, 0, 0)).isEqualTo(at(in, 1, 1, 0));
        assertThat(at(out, 4, 0, 0)).isEqualTo(at(in, 3, 1, 0));
        // (1, 3) samples (1.5, 2.5): the mean of four pixels.
        assertThat(at(out, 1, 3, 0)).isCloseTo((at(in, 1, 2, 0) + at(in, 1, 3, 0) + at(in, 2, 2, 0) + at(in, 2, 3, 0)) / 4,
                within(1e-4f));
    }

    @ParameterizedTest
    @CsvSource({
        // mode, shift, expected last two (or first two) columns of the row 1 2 3 4
        "nearest, 2, 4, 4",
        "constant, 2, -1, -1",
        "reflect, 2, 4, 3",
        "wrap, 2, 2, 3",
        "nearest, -2, 1, 1",
        "constant, -2, -1, -1",
        "reflect, -2, 2, 1",
        "wrap, -2, 2, 3",
    })
    void fillModesOnAShift(String mode, int shift, float first, float second) {
        float[] row = {1, 2, 3, 4};
        float[] v = new float[3 * 4];
        for (int r = 0; r < 3; r++) {
            System.arraycopy(row, 0, v, r * 4, 4);
        }
        INDArray in = Nd4j.create(v, new long[] {3, 4, 1}, 'c');
        INDArray out = new ImageDataGenerator().fillMode(mode).cval(-1)
                .applyTransform(in, TransformParams.identity().withShift(shift, 0));
        int a = shift > 0 ? 2 : 0;
        for (int r = 0; r < 3; r++) {
            assertThat(at(out, r, a, 0)).isEqualTo(first);
            assertThat(at(out, r, a + 1, 0)).isEqualTo(second);
            // The part still inside is the plain shift.
            int inside = shift > 0 ? 0 : 2;
            assertThat(at(out, r, inside, 0)).isEqualTo(row[inside + shift]);
        }
    }

    @Test
    void constantModeDoesNotBlendWithCval() {
        // scipy's "constant": a point beyond the last pixel takes cval whole, even half a pixel out.
        INDArray in = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {1, 4, 1}, 'c');
        INDArray out = new ImageDataGenerator().fillMode(FillMode.CONSTANT).cval(100)
                .applyTransform(in, TransformParams.identity().withShift(0.5, 0));
        assertThat(ImageArrays.floats(out)).containsExactly(1.5f, 2.5f, 3.5f, 100f);
    }

    /** Keras' apply_affine_transform (theta 30, tx 0.7, ty -1.3, shear 12, zx 0.8, zy 1.25, cval -1) on arange(25), scipy 1.17.1. */
    private static final float[][] SCIPY = {
        {3.5434036254882812f, 4.0f, 4.0f, 4.0f, 4.83152437210083f, 2.7069904804229736f, 3.399810791015625f,
            5.476179599761963f, 7.476179599761963f, 9.476180076599121f, 3.9914119243621826f, 6.684232234954834f,
            9.377052307128906f, 12.069872856140137f, 14.120835304260254f, 7.799654006958008f, 10.492474555969238f,
            13.185294151306152f, 15.878114700317383f, 18.570934295654297f, 11.607895851135254f, 14.300716400146484f,
            16.9935359954834f, 19.686357498168945f, 22.37917709350586f},
        {-1.0f, -1.0f, -1.0f, -1.0f, -1.0f, -1.0f, -1.0f, -1.0f, -1.0f, -1.0f, 3.9914119243621826f,
            6.684232234954834f, 9.377052307128906f, 12.069872856140137f, -1.0f, 7.799654006958008f,
            10.492474555969238f, 13.185294151306152f, 15.878114700317383f, 18.570934295654297f, 11.607895851135254f,
            14.300716400146484f, 16.9935359954834f, 19.686357498168945f, 22.37917709350586f},
        {5.711879253387451f, 4.16847562789917f, 4.0f, 3.3781354427337646f, 3.5168395042419434f, 2.7069904804229736f,
            3.399810791015625f, 5.476179599761963f, 7.476179599761963f, 8.997907638549805f, 3.9914119243621826f,
            6.684232234954834f, 9.377052307128906f, 12.069872856140137f, 14.120835304260254f, 7.799654006958008f,
            10.492474555969238f, 13.185294151306152f, 15.878114700317383f, 18.570934295654297f, 11.607895851135254f,
            14.300716400146484f, 16.9935359954834f, 19.686357498168945f, 22.37917709350586f},
        {16.374927520751953f, 15.067748069763184f, 17.760568618774414f, 20.45339012145996f, 3.146209478378296f,
            20.183170318603516f, 22.87598991394043f, 1.5688107013702393f, 4.261631011962891f, 6.954451560974121f,
            3.9914119243621826f, 6.684232234954834f, 9.377052307128906f, 12.069872856140137f, 10.762693405151367f,
            7.799654006958008f, 10.492474555969238f, 13.185294151306152f, 15.878114700317383f, 18.570934295654297f,
            11.607895851135254f, 14.300716400146484f, 16.9935359954834f, 19.686357498168945f, 22.37917709350586f},
    };

    @ParameterizedTest
    @CsvSource({"0, nearest", "1, constant", "2, reflect", "3, wrap"})
    void combinedTransformEqualsKerasWithScipy(int index, String mode) {
        INDArray in = Nd4j.arange(25).castTo(DataType.FLOAT).reshape(5, 5, 1);
        TransformParams p = new TransformParams(30, 0.7, -1.3, 12, 0.8, 1.25, false, false, null, null);
        INDArray out = new ImageDataGenerator().fillMode(mode).cval(-1).applyTransform(in, p);
        assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
        // Same arithmetic as scipy in the same order: equal to the last bit.
        assertThat(ImageArrays.floats(out)).containsExactly(SCIPY[index]);
    }

    @Test
    void identityLeavesPixelsUntouchedAndUint8BecomesFloat() {
        INDArray in = Nd4j.create(new float[] {0, 7, 255, 128}, new long[] {2, 2, 1}, 'c').castTo(DataType.UINT8);
        INDArray out = new ImageDataGenerator().applyTransform(in, TransformParams.identity());
        assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(out.shape()).containsExactly(2, 2, 1);
        assertThat(ImageArrays.floats(out)).containsExactly(0f, 7f, 255f, 128f);
    }

    @Test
    void nearestInterpolationOrderPicksAPixel() {
        INDArray in = coded(5, 5, 1);
        INDArray out = new ImageDataGenerator().interpolationOrder(0)
                .applyTransform(in, TransformParams.identity().withShift(0.4, 0.6));
        // Samples (r + 0.6, c + 0.4), rounded: row r + 1, column c.
        assertThat(at(out, 1, 1, 0)).isEqualTo(at(in, 2, 1, 0));
    }
}
