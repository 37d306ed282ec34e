package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** In-place writes through native ops, including from views that are not row-major. */
class InPlaceTest {

    @Test
    void copyAddAndFillWriteIntoTheTarget() {
        INDArray source = Nd4j.linspace(DataType.FLOAT, 1, 6, 6).reshape(2, 3);
        INDArray target = Nd4j.zeros(DataType.FLOAT, 3, 2);
        assertThat(InPlace.copy(target, source.transpose())).isSameAs(target);
        assertThat(target).isEqualTo(source.transpose().dup('c'));
        InPlace.add(target, source.transpose());
        assertThat(target).isEqualTo(source.transpose().mul(2));
        InPlace.fill(target, 0.5);
        assertThat(target).isEqualTo(Nd4j.valueArrayOf(new long[] {3, 2}, 0.5f));
        INDArray doubles = Nd4j.zeros(DataType.DOUBLE, 4);
        InPlace.fill(doubles, 1.0 / 3);
        assertThat(doubles.getDouble(3)).isEqualTo(1.0 / 3);
    }
}
