package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Options, their checks, the random draws and the pixel steps of {@link ImageDataGenerator}. */
class ImageDataGeneratorTest {

    private static final long[] SHAPE = {32, 40, 3};

    @Test
    void defaultsDrawTheIdentity() {
        assertThat(new ImageDataGenerator().getRandomTransform(SHAPE, 7)).isEqualTo(TransformParams.identity());
    }

    @Test
    void drawsStayInTheirRangesAndVary() {
        ImageDataGenerator g = new ImageDataGenerator().rotationRange(15).widthShiftRange(0.2).heightShiftRange(3.0)
                .shearRange(10).zoomRange(0.2).horizontalFlip(true).verticalFlip(true).brightnessRange(0.8, 1.2)
                .channelShiftRange(5);
        Set<Double> thetas = new HashSet<>();
        int flips = 0;
        for (long seed = 0; seed < 500; seed++) {
            TransformParams p = g.getRandomTransform(SHAPE, seed);
            assertThat(p.theta()).isBetween(-15.0, 15.0);
            assertThat(p.tx()).isBetween(-0.2 * 40, 0.2 * 40);   // a fraction of the width
            assertThat(p.ty()).isBetween(-3.0, 3.0);             // pixels
            assertThat(p.shear()).isBetween(-10.0, 10.0);
            assertThat(p.zx()).isBetween(0.8, 1.2);
            assertThat(p.zy()).isBetween(0.8, 1.2);
            assertThat(p.brightness()).isBetween(0.8, 1.2);
            assertThat(p.channelShiftIntensity()).isBetween(-5.0, 5.0);
            thetas.add(p.theta());
            flips += p.flipHorizontal() ? 1 : 0;
        }
        assertThat(thetas).hasSizeGreaterThan(490);
        assertThat(flips).isBetween(200, 300);
    }

    @Test
    void integerAndListShiftRangesFollowKeras() {
        ImageDataGenerator g = new ImageDataGenerator().widthShiftRange(2).heightShiftRange(new double[] {0.25, 0.5});
        Set<Double> tx = new HashSet<>();
        Set<Double> ty = new HashSet<>();
        for (long seed = 0; seed < 300; seed++) {
            TransformParams p = g.getRandomTransform(SHAPE, seed);
            tx.add(p.tx());
            ty.add(p.ty());
        }
        assertThat(tx).containsExactlyInAnyOrder(-1.0, 0.0, 1.0);
        // 0.25 and 0.5 of the height (32), with either sign.
        assertThat(ty).containsExactlyInAnyOrder(-16.0, -8.0, 8.0, 16.0);
    }

    @Test
    void sameSeedSameDrawOtherSeedOtherDraw() {
        ImageDataGenerator g = new ImageDataGenerator().rotationRange(40).zoomRange(0.3);
        assertThat(g.getRandomTransform(SHAPE, 42)).isEqualTo(g.getRandomTransform(SHAPE, 42));
        assertThat(g.getRandomTransform(SHAPE, 42)).isNotEqualTo(g.getRandomTransform(SHAPE, 43));
    }

    @Test
    void argumentsAreCheckedWhenSet() {
        ImageDataGenerator g = new ImageDataGenerator();
        assertThatThrownBy(() -> g.rotationRange(-1)).hasMessageContaining("Received: rotation_range=-1.0");
        assertThatThrownBy(() -> g.widthShiftRange(-0.1)).hasMessageContaining("Received: width_shift_range=-0.1");
        assertThatThrownBy(() -> g.heightShiftRange(-2)).hasMessageContaining("Received: height_shift_range=-2");
        assertThatThrownBy(() -> g.zoomRange(1.5, 0.5)).hasMessageContaining("Received: zoom_range=[1.5, 0.5]");
        assertThatThrownBy(() -> g.brightnessRange(1.2, 0.8))
                .hasMessageContaining("Received: brightness_range=[1.2, 0.8]");
        assertThatThrownBy(() -> g.validationSplit(1.5)).hasMessageContaining("strictly between 0 and 1")
                .hasMessageContaining("Received: 1.5");
        assertThatThrownBy(() -> g.fillMode("mirror")).hasMessageContaining("Received: fill_mode=mirror");
        assertThatThrownBy(() -> g.dataFormat("channels_first")).hasMessageContaining("Received: data_format=channels_first");
        assertThatThrownBy(() -> g.interpolationOrder(3)).hasMessageContaining("Received: interpolation_order=3");
        assertThatThrownBy(() -> g.cval(Double.NaN)).hasMessageContaining("Received: cval=NaN");
        assertThatThrownBy(() -> g.getRandomTransform(new long[] {4, 4}, 1)).hasMessageContaining("Received: img_shape=[4, 4]");
        assertThatThrownBy(() -> g.applyTransform(Nd4j.zeros(4, 4), TransformParams.identity()))
                .hasMessageContaining("rank 3");
    }

    @Test
    void fillModeTakesNamesOrConstants() {
        assertThat(new ImageDataGenerator().fillMode("WRAP").fillMode()).isEqualTo(FillMode.WRAP);
        assertThat(new ImageDataGenerator().fillMode(FillMode.REFLECT).fillMode()).isEqualTo(FillMode.REFLECT);
        assertThat(new ImageDataGenerator().fillMode()).isEqualTo(FillMode.NEAREST);
        assertThat(FillMode.of("constant")).isEqualTo(FillMode.CONSTANT);
        assertThat(FillMode.CONSTANT.kerasName()).isEqualTo("constant");
    }

    @Test
    void standardizeAppliesPreprocessingThenRescale() {
        INDArray img = Nd4j.create(new float[] {255, 51, 0, 10}, new long[] {2, 2, 1}, 'c');
        ImageDataGenerator g = new ImageDataGenerator().rescale(1 / 255.0).preprocessingFunction(x -> x.sub(10));
        // numpy multiplies float32 by the factor rounded to float32, as Lamina does.
        float f = (float) (1 / 255.0);
        assertThat(ImageArrays.floats(g.standardize(img))).containsExactly(245 * f, 41 * f, -10 * f, 0f);
        // Keras treats rescale=0 like None.
        assertThat(ImageArrays.floats(new ImageDataGenerator().rescale(0).standardize(img))).containsExactly(255f, 51f, 0f, 10f);
    }

    @Test
    void brightnessGoesThroughEightBitsAsPillow() {
        INDArray img = Nd4j.create(new float[] {0, 10, 101.7f, 200, 255, 254.9f}, new long[] {1, 2, 3}, 'c');
        INDArray out = new ImageDataGenerator().applyTransform(img, TransformParams.identity().withBrightness(0.5));
        // trunc(0.5 · trunc(v)) in float32
        assertThat(ImageArrays.floats(out)).containsExactly(0f, 5f, 50f, 100f, 127f, 127f);
        INDArray bright = new ImageDataGenerator().applyTransform(img, TransformParams.identity().withBrightness(1.5));
        assertThat(ImageArrays.floats(bright)).containsExactly(0f, 15f, 151f, 255f, 255f, 255f);
    }

    @Test
    void brightnessStretchesImagesOutsideEightBitsAndBack() {
        // Values in [-1, 1]: stretched to [0, 255], truncated, scaled, then mapped back to [-1, 1].
        INDArray img = Nd4j.create(new float[] {-1, 0, 1}, new long[] {1, 3, 1}, 'c');
        INDArray out = new ImageDataGenerator().applyTransform(img, TransformParams.identity().withBrightness(0.5));
        float[] v = ImageArrays.floats(out);
        assertThat(v[0]).isEqualTo(-1f);
        // 0 → 127.5 → 127 → 63 (0.5 · 127 truncated), and 1 → 255 → 127.
        assertThat(v[1]).isCloseTo(63f / 255 * 2 - 1, within(1e-6f));
        assertThat(v[2]).isCloseTo(127f / 255 * 2 - 1, within(1e-6f));
    }

    @Test
    void brightnessKeepsAlpha() {
        INDArray rgba = Nd4j.create(new float[] {100, 100, 100, 200}, new long[] {1, 1, 4}, 'c');
        INDArray out = new ImageDataGenerator().applyTransform(rgba, TransformParams.identity().withBrightness(0.1));
        assertThat(ImageArrays.floats(out)).containsExactly(10f, 10f, 10f, 200f);
    }

    @Test
    void channelShiftClipsToTheImageRange() {
        INDArray img = Nd4j.create(new float[] {10, 20, 30, 40}, new long[] {1, 2, 2}, 'c');
        INDArray out = new ImageDataGenerator().applyTransform(img, TransformParams.identity().withChannelShift(15.0));
        assertThat(ImageArrays.floats(out)).containsExactly(25f, 35f, 40f, 40f);
    }

    @Test
    void randomTransformIsDeterministicInTheSeed() {
        INDArray img = Nd4j.rand(8, 8, 3).muli(255);
        ImageDataGenerator g = new ImageDataGenerator().rotationRange(30).horizontalFlip(true).zoomRange(0.2);
        assertThat(g.randomTransform(img, 5)).isEqualTo(g.randomTransform(img, 5));
        assertThat(g.randomTransform(img, 5)).isNotEqualTo(g.randomTransform(img, 6));
    }
}
