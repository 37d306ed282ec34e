package dev.lamina.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Validation data goes through an unshuffled {@link ArrayBatchSource} every epoch: a fresh ND4J
 * view of x and y per batch (a few kilobytes of Java objects each) was a large share of a long
 * fit's Java garbage, which let G1 grow its young generation and the resident set with it.
 */
class ArrayBatchSourceGarbageTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** Every batch of one epoch, fetched and released as fit and evaluate do. */
    private static void epoch(ArrayBatchSource s, int epoch) {
        s.onEpochBegin(epoch);
        for (int b = 0; b < s.numBatches(); b++) {
            s.release(s.batch(b));
        }
        s.onEpochEnd(epoch);
    }

    @Test
    void unshuffledEpochsMakeNoJavaGarbagePerBatch() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 330, 8, 8, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 330, 10);
        ArrayBatchSource s = new ArrayBatchSource(x, y, 32);
        epoch(s, 0);
        int epochs = 20;
        long before = allocatedBytes();
        for (int e = 1; e <= epochs; e++) {
            epoch(s, e);
        }
        long perBatch = (allocatedBytes() - before) / ((long) epochs * s.numBatches());
        System.out.println("ArrayBatchSource, unshuffled: " + perBatch + " bytes of Java objects per batch");
        // Two new views a batch were about 5 KB.
        assertThat(perBatch).isLessThan(64);
    }
}
