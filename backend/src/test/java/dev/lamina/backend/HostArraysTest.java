package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reading arrays into Java follows their logical order, whatever their buffer layout. */
class HostArraysTest {

    private static double[] range(int from, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + i;
        }
        return out;
    }

    @Test
    void ownedArraysOfEveryTypeAreReadInPlace() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.INT32, DataType.INT64,
            DataType.UINT8}) {
            INDArray a = Nd4j.arange(12).castTo(type).reshape(3, 4);
            assertThat(HostArrays.doubles(a)).as(type.toString()).containsExactly(range(0, 12));
        }
    }

    @Test
    void viewsWithAnOffsetStartAtTheirOwnFirstElement() {
        INDArray m = Nd4j.arange(100).castTo(DataType.FLOAT).reshape(10, 10);
        // Rows 2..3: a contiguous view whose buffer begins 20 elements into its parent's.
        assertThat(HostArrays.doubles(m.get(NDArrayIndex.interval(2, 4)))).containsExactly(range(20, 20));
        // Labels taken as an evaluation batch, [N, 1] and flattened.
        INDArray labels = Nd4j.arange(50).castTo(DataType.INT32).reshape(50, 1);
        INDArray batch = labels.get(NDArrayIndex.interval(30, 40), NDArrayIndex.all());
        assertThat(HostArrays.doubles(batch)).containsExactly(range(30, 10));
        assertThat(HostArrays.doubles(batch.reshape(10))).containsExactly(range(30, 10));
    }

    @Test
    void aBatchOfRowsIsReadInPlaceAndAStridedViewIsCopied() {
        INDArray labels = Nd4j.arange(50).castTo(DataType.INT32).reshape(50, 1);
        INDArray batch = labels.get(NDArrayIndex.interval(30, 40), NDArrayIndex.all());
        INDArray read = HostArrays.rowMajorOwned(batch);
        assertThat(read).isSameAs(batch);
        assertThat(read.data().getDouble(0)).isEqualTo(30.0);
        INDArray m = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(3, 4);
        INDArray column = m.get(NDArrayIndex.all(), NDArrayIndex.point(1));
        INDArray copy = HostArrays.rowMajorOwned(column);
        assertThat(copy).isNotSameAs(column);
        assertThat(copy.data().getDouble(1)).isEqualTo(5.0);
    }

    @Test
    void stridedAndColumnMajorArraysAreReadInRowMajorOrder() {
        INDArray m = Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(3, 4);
        assertThat(HostArrays.doubles(m.transpose())).containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
        assertThat(HostArrays.doubles(m.dup('f'))).containsExactly(range(0, 12));
        assertThat(HostArrays.doubles(m.get(NDArrayIndex.all(), NDArrayIndex.point(1)))).containsExactly(1, 5, 9);
    }
}
