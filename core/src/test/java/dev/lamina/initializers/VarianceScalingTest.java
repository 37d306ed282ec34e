package dev.lamina.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.lamina.initializers.VarianceScaling.Distribution;
import dev.lamina.initializers.VarianceScaling.Mode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Statistical checks of the variance-scaling family against Keras' formulas. */
class VarianceScalingTest {

    private static final long[] DENSE = {200, 300};
    private static final long[] CONV = {3, 3, 64, 128};
    private static final double FAN_IN_CONV = 3 * 3 * 64;
    private static final double FAN_OUT_CONV = 3 * 3 * 128;

    /** Initializer, shape, and the uniform limit Keras' docs give for it, written out by hand. */
    static Stream<Arguments> uniformCases() {
        return Stream.of(
                Arguments.of(new GlorotUniform(), DENSE, Math.sqrt(6.0 / (200 + 300))),
                Arguments.of(new GlorotUniform(), CONV,
                        Math.sqrt(6.0 / (FAN_IN_CONV + FAN_OUT_CONV))),
                Arguments.of(new HeUniform(), DENSE, Math.sqrt(6.0 / 200)),
                Arguments.of(new HeUniform(), CONV, Math.sqrt(6.0 / FAN_IN_CONV)),
                Arguments.of(new LecunUniform(), DENSE, Math.sqrt(3.0 / 200)),
                Arguments.of(new LecunUniform(), CONV, Math.sqrt(3.0 / FAN_IN_CONV)),
                Arguments.of(new VarianceScaling(2.0, "fan_out", "uniform"), DENSE,
                        Math.sqrt(6.0 / 300)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("uniformCases")
    void uniformStaysWithinTheLimitWithVarianceLimitSquaredOverThree(
            Initializer init, long[] shape, double limit) {
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Stats s = Stats.of(init.initialize(shape, dtype, 42));

            assertThat(s.maxAbs()).isLessThanOrEqualTo(limit * (1 + 1e-6));
            // The draw should also fill the interval, not a narrower one.
            assertThat(s.min()).isLessThan(-0.99 * limit);
            assertThat(s.max()).isGreaterThan(0.99 * limit);
            assertThat(s.variance()).isCloseTo(limit * limit / 3, withinPercentage(5));
            double meanError = Math.sqrt(limit * limit / 3 / s.count());
            assertThat(s.mean()).isCloseTo(0.0, within(5 * meanError));
        }
    }

    /** Initializer, shape, and the variance Keras targets for it, written out by hand. */
    static Stream<Arguments> truncatedCases() {
        return Stream.of(
                Arguments.of(new GlorotNormal(), DENSE, 2.0 / (200 + 300)),
                Arguments.of(new GlorotNormal(), CONV, 2.0 / (FAN_IN_CONV + FAN_OUT_CONV)),
                Arguments.of(new HeNormal(), DENSE, 2.0 / 200),
                Arguments.of(new HeNormal(), CONV, 2.0 / FAN_IN_CONV),
                Arguments.of(new LecunNormal(), DENSE, 1.0 / 200),
                Arguments.of(new LecunNormal(), CONV, 1.0 / FAN_IN_CONV),
                Arguments.of(new VarianceScaling(), DENSE, 1.0 / 200),
                Arguments.of(new VarianceScaling(3.0, "fan_out", "normal"), CONV,
                        3.0 / FAN_OUT_CONV));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("truncatedCases")
    void truncatedNormalStaysWithinTwoStddevsAndHasTheTargetVariance(
            Initializer init, long[] shape, double variance) {
        double stddev = Math.sqrt(variance) / 0.87962566103423978;
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = init.initialize(shape, dtype, 7);
            Stats s = Stats.of(a);

            assertThat(s.maxAbs()).isLessThanOrEqualTo(2 * stddev * (1 + 1e-6));
            assertThat(s.maxAbs()).isGreaterThan(1.95 * stddev);
            assertThat(s.variance()).isCloseTo(variance, withinPercentage(5));
            assertThat(s.mean()).isCloseTo(0.0, within(5 * Math.sqrt(variance / s.count())));
        }
    }

    @Test
    void untruncatedNormalHasTheTargetVarianceAndTails() {
        INDArray a = new VarianceScaling(2.0, Mode.FAN_IN, Distribution.UNTRUNCATED_NORMAL)
                .initialize(DENSE, DataType.DOUBLE, 3);
        double variance = 2.0 / 200;
        Stats s = Stats.of(a);

        assertThat(s.variance()).isCloseTo(variance, withinPercentage(5));
        // A plain normal puts about 4.55% of its mass beyond two standard deviations.
        assertThat(Stats.fractionBeyond(a, 2 * Math.sqrt(variance))).isBetween(0.04, 0.051);
    }

    @Test
    void targetVarianceClampsTheFanAtOne() {
        assertThat(new HeNormal().targetVariance(new long[0])).isEqualTo(2.0);
        assertThat(new HeNormal().targetVariance(new long[] {0, 5})).isEqualTo(2.0);
        assertThat(new GlorotUniform().targetVariance(new long[] {3, 3, 64, 128}))
                .isCloseTo(1.0 / ((FAN_IN_CONV + FAN_OUT_CONV) / 2), within(1e-15));
    }

    @Test
    void presetsUseKerasParameters() {
        assertPreset(new GlorotUniform(), 1.0, Mode.FAN_AVG, Distribution.UNIFORM);
        assertPreset(new GlorotNormal(), 1.0, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
        assertPreset(new HeUniform(), 2.0, Mode.FAN_IN, Distribution.UNIFORM);
        assertPreset(new HeNormal(), 2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
        assertPreset(new LecunUniform(), 1.0, Mode.FAN_IN, Distribution.UNIFORM);
        assertPreset(new LecunNormal(), 1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
        assertPreset(new VarianceScaling(), 1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    private static void assertPreset(VarianceScaling vs, double scale, Mode mode, Distribution d) {
        assertThat(vs.scale()).isEqualTo(scale);
        assertThat(vs.mode()).isEqualTo(mode);
        assertThat(vs.distribution()).isEqualTo(d);
    }

    @Test
    void parsesKerasSpellings() {
        VarianceScaling vs = new VarianceScaling(0.5, "FAN_AVG", "Untruncated_Normal");
        assertThat(vs.mode()).isEqualTo(Mode.FAN_AVG);
        assertThat(vs.distribution()).isEqualTo(Distribution.UNTRUNCATED_NORMAL);
        assertThat(Distribution.fromKerasName("normal")).isEqualTo(Distribution.TRUNCATED_NORMAL);
        assertThat(vs.getConfig()).containsExactly(
                entry("scale", 0.5),
                entry("mode", "fan_avg"),
                entry("distribution", "untruncated_normal"));
        assertThat(vs.name()).isEqualTo("variance_scaling");
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new VarianceScaling(0.0, "fan_in", "uniform"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> new VarianceScaling(-1.0, "fan_in", "uniform"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VarianceScaling(Double.NaN, "fan_in", "uniform"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VarianceScaling(1.0, "fan_sum", "uniform"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fan_sum")
                .hasMessageContaining("fan_in, fan_out, fan_avg");
        assertThatThrownBy(() -> new VarianceScaling(1.0, "fan_in", "gamma"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gamma")
                .hasMessageContaining("truncated_normal, untruncated_normal, uniform");
    }
}
