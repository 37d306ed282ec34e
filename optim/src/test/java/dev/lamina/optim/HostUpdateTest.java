package dev.lamina.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.backend.HostFloats;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one-pass host update of each optimizer against its element-wise ND4J form: the same
 * variable, once contiguous (host path) and once a strided view (which has no host view and takes
 * the ND4J ops), must follow the same trajectory over several steps.
 */
class HostUpdateTest {

    static List<Object[]> optimizers() {
        return List.of(
                new Object[] {"rmsprop", (Supplier<Optimizer>) () -> new RMSprop(0.01)},
                new Object[] {"rmsprop momentum", (Supplier<Optimizer>) () -> new RMSprop(0.01).momentum(0.9)},
                new Object[] {"rmsprop centered", (Supplier<Optimizer>) () -> new RMSprop(0.01).centered(true)},
                new Object[] {"adam", (Supplier<Optimizer>) () -> new Adam(0.01)},
                new Object[] {"adam amsgrad", (Supplier<Optimizer>) () -> new Adam(0.01).amsgrad(true)},
                new Object[] {"sgd", (Supplier<Optimizer>) () -> new SGD(0.1)},
                new Object[] {"sgd momentum", (Supplier<Optimizer>) () -> new SGD(0.1).momentum(0.9)},
                new Object[] {"sgd nesterov", (Supplier<Optimizer>) () -> new SGD(0.1).momentum(0.9).nesterov(true)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void hostPathMatchesTheNd4jOps(String name, Supplier<Optimizer> make) {
        Nd4j.getRandom().setSeed(7);
        INDArray start = Nd4j.randn(DataType.FLOAT, 4, 5);
        INDArray contiguous = start.dup();
        INDArray wide = Nd4j.zeros(DataType.FLOAT, 4, 10);
        INDArray strided = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 10));
        strided.assign(start);
        assertThat(HostFloats.of(contiguous)).isNotNull();
        assertThat(HostFloats.of(strided)).isNull();

        Optimizer host = make.get();
        Optimizer nd4j = make.get();
        for (int step = 0; step < 5; step++) {
            INDArray g = Nd4j.randn(DataType.FLOAT, 4, 5);
            host.applyGradients(List.of(g.dup()), List.of(contiguous));
            nd4j.applyGradients(List.of(g.dup()), List.of(strided));
        }
        assertThat(contiguous.equalsWithEps(strided.dup(), 1e-6)).as(name + ": " + contiguous + " vs " + strided)
                .isTrue();
        assertThat(contiguous.equalsWithEps(start, 1e-3)).as(name + " moved the variable").isFalse();
    }
}
