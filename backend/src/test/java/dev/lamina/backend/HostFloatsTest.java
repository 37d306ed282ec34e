package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Host views: only of whole, contiguous float32 arrays, shared per buffer, reading and writing it. */
class HostFloatsTest {

    @Test
    void aViewReadsAndWritesTheArrayAndIsSharedPerBuffer() {
        INDArray a = Nd4j.arange(6).castTo(DataType.FLOAT).reshape(2, 3).dup();
        FloatBuffer view = HostFloats.of(a);
        assertThat(view).isNotNull();
        assertThat(view.capacity()).isEqualTo(6);
        assertThat(view.get(4)).isEqualTo(4f);

        view.put(5, -1f);
        assertThat(a.getFloat(1, 2)).isEqualTo(-1f);
        assertThat(HostFloats.of(a)).isSameAs(view);
    }

    @Test
    void arraysWithoutAWholeContiguousFloatBufferHaveNoView() {
        INDArray m = Nd4j.arange(20).castTo(DataType.FLOAT).reshape(4, 5).dup();
        assertThat(HostFloats.of(m)).as("the whole array").isNotNull();
        assertThat(HostFloats.of(m.castTo(DataType.DOUBLE))).as("float64").isNull();
        assertThat(HostFloats.of(m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 5)))).as("strided").isNull();
        assertThat(HostFloats.of(m.get(NDArrayIndex.interval(1, 3)))).as("rows 1-2, an offset view").isNull();
        assertThat(HostFloats.of(m.transpose())).as("column-major").isNull();
        assertThat(HostFloats.of(null)).isNull();
    }
}
