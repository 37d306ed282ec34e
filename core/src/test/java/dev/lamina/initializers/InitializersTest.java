package dev.lamina.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class InitializersTest {

    private static final List<String> ALL = List.of(
            "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform",
            "lecun_normal", "random_normal", "random_uniform", "variance_scaling", "zeros", "ones", "constant");

    private static final List<String> RANDOM = ALL.stream()
            .filter(n -> !n.equals("zeros") && !n.equals("ones") && !n.equals("constant"))
            .toList();

    private static final long[][] SHAPES = {{}, {5}, {4, 7}, {2, 3, 6}, {3, 3, 2, 4}};

    static Stream<Arguments> everyInitializerShapeAndDtype() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : ALL) {
            for (long[] shape : SHAPES) {
                for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                    cases.add(Arguments.of(name, shape, dtype));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyInitializerShapeAndDtype")
    void givesTheRequestedShapeAndDtype(String name, long[] shape, DataType dtype) {
        INDArray a = Initializers.get(name).initialize(shape, dtype, 11);

        assertThat(a.shape()).containsExactly(shape);
        assertThat(a.dataType()).isEqualTo(dtype);
        assertThat(a.ordering()).isEqualTo('c');
    }

    @ParameterizedTest
    @MethodSource("randomNames")
    void sameSeedGivesSameValuesAndOtherSeedOthers(String name) {
        Initializer init = Initializers.get(name);
        long[] shape = {16, 24};
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = init.initialize(shape, dtype, 123);
            INDArray b = Initializers.get(name).initialize(shape, dtype, 123);
            INDArray c = init.initialize(shape, dtype, 124);

            assertThat(b).isEqualTo(a);
            assertThat(c).isNotEqualTo(a);
        }
    }

    @ParameterizedTest
    @MethodSource("randomNames")
    void floatDrawIsTheDoubleDrawRounded(String name) {
        Initializer init = Initializers.get(name);
        long[] shape = {10, 10};
        double[] d = init.initialize(shape, DataType.DOUBLE, 5).ravel().toDoubleVector();
        float[] f = init.initialize(shape, DataType.FLOAT, 5).ravel().toFloatVector();

        for (int i = 0; i < d.length; i++) {
            assertThat(f[i]).isEqualTo((float) d[i]);
        }
    }

    static Stream<String> randomNames() {
        return RANDOM.stream();
    }

    @ParameterizedTest
    @MethodSource("randomNames")
    void randomInitializersRejectOtherDtypesNamingThem(String name) {
        assertThatThrownBy(() -> Initializers.get(name).initialize(new long[] {2, 2},
                DataType.INT32, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INT");
        assertThatThrownBy(() -> Initializers.get(name).initialize(new long[] {2, 2},
                DataType.BFLOAT16, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BFLOAT16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"glorot_uniform", "random_normal", "zeros", "ones"})
    void rejectsNegativeDimensions(String name) {
        assertThatThrownBy(() -> Initializers.get(name).initialize(new long[] {3, -2},
                DataType.FLOAT, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void rejectsShapesTooLargeForOneJavaArray() {
        assertThatThrownBy(() -> new HeNormal().initialize(new long[] {100_000, 100_000},
                DataType.FLOAT, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elements");
    }

    @Test
    void emptyShapeGivesAnEmptyArray() {
        INDArray a = new GlorotUniform().initialize(new long[] {0, 3}, DataType.FLOAT, 1);
        assertThat(a.shape()).containsExactly(0, 3);
        assertThat(a.length()).isZero();
    }

    @Test
    void zerosAndOnesAreExact() {
        long[] shape = {3, 3, 4, 5};
        for (DataType dtype : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double[] z = new Zeros().initialize(shape, dtype, 9).ravel().toDoubleVector();
            double[] o = new Ones().initialize(shape, dtype, 9).ravel().toDoubleVector();
            assertThat(z).hasSize(180).containsOnly(0.0);
            assertThat(o).hasSize(180).containsOnly(1.0);
        }
        assertThat(new Ones().initialize(new long[0], DataType.DOUBLE, 0).getDouble(0))
                .isEqualTo(1.0);
        assertThat(new Constant(0.5).initialize(new long[] {0, 3}, DataType.FLOAT, 0).shape())
                .containsExactly(0, 3);
        assertThat(new Constant(-2.5).initialize(new long[] {7}, DataType.FLOAT, 0).toDoubleVector())
                .containsOnly(-2.5);
    }

    @Test
    void zerosAndOnesAcceptIntegerTypesButNotBool() {
        INDArray ones = new Ones().initialize(new long[] {2, 3}, DataType.INT32, 0);
        assertThat(ones.dataType()).isEqualTo(DataType.INT32);
        assertThat(ones.sumNumber().intValue()).isEqualTo(6);
        assertThatThrownBy(() -> new Zeros().initialize(new long[] {2}, DataType.BOOL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BOOL");
    }

    @Test
    void randomNormalDefaultsToMeanZeroStddevFivePercentUntruncated() {
        RandomNormal init = new RandomNormal();
        INDArray a = init.initialize(new long[] {200, 300}, DataType.FLOAT, 2024);
        Stats s = Stats.of(a);

        assertThat(init.mean()).isZero();
        assertThat(init.stddev()).isEqualTo(0.05);
        assertThat(s.mean()).isCloseTo(0.0, within(0.001));
        assertThat(Math.sqrt(s.variance())).isCloseTo(0.05, withinPercentage(2));
        // Not truncated: about 4.55% of a plain normal lies beyond two standard deviations.
        assertThat(Stats.fractionBeyond(a, 0.1)).isBetween(0.04, 0.051);
    }

    @Test
    void randomNormalFluentSetters() {
        RandomNormal init = new RandomNormal().mean(1.5).stddev(2.0);
        Stats s = Stats.of(init.initialize(new long[] {200, 300}, DataType.DOUBLE, 8));

        assertThat(s.mean()).isCloseTo(1.5, within(0.05));
        assertThat(Math.sqrt(s.variance())).isCloseTo(2.0, withinPercentage(2));
        assertThat(init.getConfig()).containsExactly(entry("mean", 1.5), entry("stddev", 2.0));
        assertThatThrownBy(() -> new RandomNormal().stddev(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RandomNormal().mean(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomUniformDefaultsToPlusMinusFivePercent() {
        INDArray a = new RandomUniform().initialize(new long[] {200, 300}, DataType.FLOAT, 1);
        Stats s = Stats.of(a);

        assertThat(s.min()).isGreaterThanOrEqualTo(-0.05f).isLessThan(-0.0499);
        assertThat(s.max()).isLessThanOrEqualTo(0.05f).isGreaterThan(0.0499);
        assertThat(s.variance()).isCloseTo(0.1 * 0.1 / 12, withinPercentage(5));
    }

    @Test
    void randomUniformFluentSetters() {
        RandomUniform init = new RandomUniform().minval(2).maxval(5);
        Stats s = Stats.of(init.initialize(new long[] {200, 300}, DataType.DOUBLE, 1));

        assertThat(s.min()).isGreaterThanOrEqualTo(2.0).isLessThan(2.01);
        assertThat(s.max()).isLessThan(5.0).isGreaterThan(4.99);
        assertThat(s.mean()).isCloseTo(3.5, within(0.02));
        assertThat(init.getConfig()).containsExactly(entry("minval", 2.0), entry("maxval", 5.0));
        assertThatThrownBy(() -> new RandomUniform().minval(1).maxval(0)
                .initialize(new long[] {2}, DataType.FLOAT, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minval");
    }

    @Test
    void configsFollowKeras() {
        assertThat(new RandomNormal().getConfig())
                .containsExactly(entry("mean", 0.0), entry("stddev", 0.05));
        assertThat(new RandomUniform().getConfig())
                .containsExactly(entry("minval", -0.05), entry("maxval", 0.05));
        assertThat(new VarianceScaling().getConfig()).containsExactly(
                entry("scale", 1.0), entry("mode", "fan_in"),
                entry("distribution", "truncated_normal"));
        for (Initializer init : List.of(new GlorotUniform(), new GlorotNormal(), new HeUniform(),
                new HeNormal(), new LecunUniform(), new LecunNormal(), new Zeros(), new Ones())) {
            assertThat(init.getConfig()).as(init.name()).isEmpty();
        }
        assertThatThrownBy(() -> new RandomNormal().getConfig().put("mean", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesRoundTripThroughTheFactory() {
        assertThat(Initializers.names()).containsExactlyElementsOf(ALL);
        for (String name : ALL) {
            assertThat(Initializers.get(name).name()).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "glorot_uniform, GlorotUniform",
        "GlorotUniform, GlorotUniform",
        "GLOROT_UNIFORM, GlorotUniform",
        "glorotuniform, GlorotUniform",
        "glorot_normal, GlorotNormal",
        "GlorotNormal, GlorotNormal",
        "he_uniform, HeUniform",
        "HeUniform, HeUniform",
        "he_normal, HeNormal",
        "HeNormal, HeNormal",
        "lecun_uniform, LecunUniform",
        "lecun_normal, LecunNormal",
        "LecunNormal, LecunNormal",
        "random_normal, RandomNormal",
        "RandomNormal, RandomNormal",
        "normal, RandomNormal",
        "random_uniform, RandomUniform",
        "RandomUniform, RandomUniform",
        "uniform, RandomUniform",
        "variance_scaling, VarianceScaling",
        "VarianceScaling, VarianceScaling",
        "zeros, Zeros",
        "Zeros, Zeros",
        "zero, Zeros",
        "ones, Ones",
        "Ones, Ones",
        "one, Ones",
    })
    void factoryAcceptsKerasNamesAndAliases(String name, String className) {
        assertThat(Initializers.get(name).getClass().getSimpleName()).isEqualTo(className);
    }

    @Test
    void factoryReturnsFreshInstances() {
        RandomNormal a = (RandomNormal) Initializers.get("random_normal");
        a.stddev(3.0);
        assertThat(((RandomNormal) Initializers.get("random_normal")).stddev()).isEqualTo(0.05);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Initializers.get("foo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown initializer: \"foo\". Valid names: glorot_uniform, "
                        + "glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, "
                        + "random_normal, random_uniform, variance_scaling, zeros, ones, constant");
        assertThatThrownBy(() -> Initializers.get(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Valid names: glorot_uniform");
    }

    @Test
    void constantFillsItsValue() {
        INDArray a = new Constant(2.5).initialize(new long[] {2, 3}, DataType.FLOAT, 1);
        assertThat(a.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(a.minNumber().doubleValue()).isEqualTo(2.5);
        assertThat(a.maxNumber().doubleValue()).isEqualTo(2.5);
        assertThat(new Constant(2.5).getConfig()).containsEntry("value", 2.5);
    }
}
