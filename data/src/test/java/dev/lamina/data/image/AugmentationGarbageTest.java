package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.core.BatchSource.Batch;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Augmented batches are made for every training step of a long fit: per-image objects (the draw's
 * generator and parameters, the sampling matrices) and per-batch buffers and argument arrays were
 * most of a {@code cifar10-augmented} step's Java garbage, which let G1 grow its young generation
 * and the resident set with it. Batches are made on the calling thread here, so the counter sees
 * all of it.
 */
class AugmentationGarbageTest {

    private static final int BATCH = 32;
    private static final int BATCHES = 20;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** cifar10-augmented's generator (examples' Cifar10Augmented). */
    private static ImageDataGenerator cifarAugmentation() {
        return new ImageDataGenerator().rotationRange(15).widthShiftRange(0.2).heightShiftRange(0.2)
                .horizontalFlip(true).zoomRange(0.2);
    }

    /**
     * Java bytes allocated per batch over one epoch of warm batches, each released when done: the
     * epochs before let the JIT compile the path (its first few hundred batches allocate while
     * the compiler settles), and the once-per-epoch shuffle is left out of the count.
     */
    private static long bytesPerBatch(NumpyArrayIterator it) {
        for (int epoch = 0; epoch < 12; epoch++) {
            it.onEpochBegin(epoch);
            for (int b = 0; b < it.numBatches(); b++) {
                it.release(it.batch(b));
            }
        }
        it.onEpochBegin(12);
        long before = allocatedBytes();
        for (int b = 0; b < it.numBatches(); b++) {
            Batch batch = it.batch(b);
            it.release(batch);
        }
        return (allocatedBytes() - before) / it.numBatches();
    }

    @Test
    void augmentedFloatBatchesMakeAlmostNoJavaGarbage() {
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCHES * BATCH, 32, 32, 3);
        INDArray y = Nd4j.arange(BATCHES * BATCH).castTo(DataType.INT32).reshape(BATCHES * BATCH, 1);
        long perBatch = bytesPerBatch(cifarAugmentation().flow(x, y, BATCH).seed(7));
        System.out.println("flow, cifar10-augmented options: " + perBatch + " bytes of Java objects per batch");
        // A transformation, a generator and matrices per image, and buffers per batch, were 13 KB.
        assertThat(perBatch).isLessThan(1_024);
    }

    @Test
    void augmentedUint8BatchesMakeAlmostNoJavaGarbage() {
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCHES * BATCH, 32, 32, 3).muli(255).castTo(DataType.UINT8);
        INDArray y = Nd4j.arange(BATCHES * BATCH).castTo(DataType.INT32).reshape(BATCHES * BATCH, 1);
        long perBatch = bytesPerBatch(cifarAugmentation().flow(x, y, BATCH).seed(7));
        System.out.println("flow, uint8, cifar10-augmented options: " + perBatch + " bytes of Java objects per batch");
        // A transformation, a generator and matrices per image, and buffers per batch, were 13 KB.
        assertThat(perBatch).isLessThan(1_024);
    }
}
