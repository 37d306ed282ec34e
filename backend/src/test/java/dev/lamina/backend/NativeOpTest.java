package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Native ops called on reused contexts: results, failures, and calls after a failure. */
class NativeOpTest {

    private static final NativeOp ADD = new NativeOp("add");

    @Test
    void aFailedCallNamesTheOpAndLeavesLaterCallsWorking() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 2, 3);
        INDArray out = Nd4j.zeros(DataType.FLOAT, 2, 3);
        assertThatThrownBy(() -> ADD.exec(new INDArray[] {a, Nd4j.ones(DataType.FLOAT, 4, 5)},
                new INDArray[] {out}, NativeOp.NO_IARGS, NativeOp.NO_TARGS))
                .hasMessageContaining("add");
        // A view starting inside its buffer, as input and as output.
        INDArray parent = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(4, 3);
        INDArray rows = parent.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4));
        ADD.exec(new INDArray[] {a, rows}, new INDArray[] {out}, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        assertThat(out).isEqualTo(Nd4j.createFromArray(new float[][] {{7, 8, 9}, {10, 11, 12}}));
        ADD.exec(new INDArray[] {rows, a}, new INDArray[] {rows}, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        assertThat(parent.getRow(0)).isEqualTo(Nd4j.createFromArray(0f, 1f, 2f));
        assertThat(parent.getRow(3)).isEqualTo(Nd4j.createFromArray(10f, 11f, 12f));
    }

    @Test
    void aFailureCarriesLibnd4jsMessageAndTheArrays() {
        INDArray a = Nd4j.ones(DataType.FLOAT, 2, 3);
        INDArray b = Nd4j.ones(DataType.UINT8, 3, 2);
        assertThatThrownBy(() -> new NativeOp("matmul").exec(a, b, Nd4j.create(DataType.FLOAT, 2, 2),
                new long[] {0, 0, 0}, new double[] {1, 0}))
                .isInstanceOf(NativeOpException.class)
                .hasMessageContaining("Native op matmul failed")
                .hasMessageContaining("mmulMxM expects all data types to be the same")
                .hasMessageContaining("Inputs: [float32 (2, 3), uint8 (3, 2)], outputs: [float32 (2, 2)]");
    }

    @Test
    void aFailureWithoutAMessageOfItsOwnDoesNotReportAnEarlierOne() {
        INDArray b = Nd4j.ones(DataType.UINT8, 3, 2);
        assertThatThrownBy(() -> new NativeOp("matmul").exec(Nd4j.ones(DataType.FLOAT, 2, 3), b,
                Nd4j.create(DataType.FLOAT, 2, 2), new long[] {0, 0, 0}, new double[] {1, 0}))
                .hasMessageContaining("mmulMxM");
        // conv2d rejects a uint8 input by status, without a message of its own.
        INDArray image = Nd4j.ones(DataType.UINT8, 1, 5, 5, 1);
        assertThatThrownBy(() -> new NativeOp("conv2d").exec(new INDArray[] {image, Nd4j.ones(DataType.FLOAT, 3, 3, 1, 2)},
                new INDArray[] {Nd4j.create(DataType.FLOAT, 1, 3, 3, 2)}, new long[] {3, 3, 1, 1, 0, 0, 1, 1, 0, 1, 0},
                NativeOp.NO_TARGS))
                .isInstanceOf(NativeOpException.class)
                .hasMessageContaining("Native op conv2d failed")
                .hasMessageNotContaining("mmulMxM")
                .hasMessageContaining("uint8 (1, 5, 5, 1)");
    }
}
