package dev.lamina.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ArrayBatchSourceTest {

    /** x[i] is a 2x2x1 image filled with i; y[i] = i. */
    private static INDArray images(int n) {
        return Nd4j.arange(n).castTo(DataType.FLOAT).reshape(n, 1, 1, 1).repeat(1, 2).repeat(2, 2);
    }

    private static List<Integer> labelsOfEpoch(BatchSource s, int epoch) {
        s.onEpochBegin(epoch);
        List<Integer> seen = new ArrayList<>();
        for (int b = 0; b < s.numBatches(); b++) {
            BatchSource.Batch batch = s.batch(b);
            for (long i = 0; i < batch.size(); i++) {
                int label = (int) batch.y().getDouble(i);
                assertThat(batch.x().getFloat(i, 1, 1, 0)).isEqualTo(label);
                seen.add(label);
            }
        }
        s.onEpochEnd(epoch);
        return seen;
    }

    @Test
    void consecutiveBatchesWithASmallerLastOne() {
        ArrayBatchSource s = new ArrayBatchSource(images(10), Nd4j.arange(10).castTo(DataType.INT32), 4);
        assertThat(s.numBatches()).isEqualTo(3);
        assertThat(s.numSamples()).isEqualTo(10);
        assertThat(s.batch(2).size()).isEqualTo(2);
        assertThat(labelsOfEpoch(s, 0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void shuffledEpochsArePermutationsFixedBySeedAndEpoch() {
        INDArray x = images(50);
        INDArray y = Nd4j.arange(50).castTo(DataType.INT32);
        ArrayBatchSource a = new ArrayBatchSource(x, y, 8).shuffle(true).seed(3);
        ArrayBatchSource b = new ArrayBatchSource(x, y, 8).shuffle(true).seed(3);
        List<Integer> e0 = labelsOfEpoch(a, 0);
        List<Integer> e1 = labelsOfEpoch(a, 1);
        assertThat(new HashSet<>(e0)).hasSize(50);
        assertThat(e0).isNotEqualTo(e1);
        // A second source resumed at epoch 1 sees exactly epoch 1's order.
        assertThat(labelsOfEpoch(b, 1)).isEqualTo(e1);
        assertThat(labelsOfEpoch(new ArrayBatchSource(x, y, 8).shuffle(true).seed(4), 0)).isNotEqualTo(e0);
    }

    @Test
    void releasedShuffledBatchesAreRefilledWithTheRightRows() {
        INDArray x = images(40);
        INDArray y = Nd4j.arange(40).castTo(DataType.INT32);
        ArrayBatchSource plain = new ArrayBatchSource(x, y, 8).shuffle(true).seed(5);
        ArrayBatchSource recycling = new ArrayBatchSource(x, y, 8).shuffle(true).seed(5);
        List<Integer> expected = labelsOfEpoch(plain, 0);
        recycling.onEpochBegin(0);
        List<Integer> seen = new ArrayList<>();
        INDArray firstX = null;
        for (int b = 0; b < recycling.numBatches(); b++) {
            BatchSource.Batch batch = recycling.batch(b);
            if (b == 0) {
                firstX = batch.x();
            } else {
                assertThat(batch.x()).as("batch %d reuses the released arrays", b).isSameAs(firstX);
            }
            for (long i = 0; i < batch.size(); i++) {
                int label = batch.y().getInt((int) i);
                assertThat(batch.x().getFloat(i, 1, 1, 0)).isEqualTo(label);
                seen.add(label);
            }
            recycling.release(batch);
        }
        assertThat(seen).isEqualTo(expected);
        // Unshuffled batches are views of the caller's arrays, kept for the next epoch: release
        // must leave them alone.
        ArrayBatchSource inOrder = new ArrayBatchSource(x, y, 8);
        BatchSource.Batch view = inOrder.batch(0);
        inOrder.release(view);
        inOrder.onEpochBegin(1);
        assertThat(inOrder.batch(0).x()).isSameAs(view.x());
        assertThat(x.getFloat(3, 0, 0, 0)).isEqualTo(3f);
    }

    @Test
    void aSliceReleasedAfterShuffleIsTurnedOnIsNotGatheredInto() {
        INDArray x = images(16);
        INDArray y = Nd4j.arange(16).castTo(DataType.INT32);
        INDArray original = x.dup();
        ArrayBatchSource s = new ArrayBatchSource(x, y, 8);
        BatchSource.Batch view = s.batch(1);
        s.shuffle(true).seed(1);
        s.release(view);
        labelsOfEpoch(s, 0);
        assertThat(x).isEqualTo(original);
        assertThat(view.x().getFloat(0, 0, 0, 0)).isEqualTo(8f);
        assertThat(labelsOfEpoch(s.shuffle(false), 0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
                14, 15);
    }

    @Test
    void shuffledBatchesOfViewsHoldTheirOwnRows() {
        // Rows 10-29 of a larger array start inside its buffer (copied as bytes from there); a
        // permuted view is not row-major (gathered by libnd4j). Each image must match its label.
        INDArray all = images(30);
        INDArray tail = all.get(NDArrayIndex.interval(10, 30), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        INDArray tailLabels = Nd4j.arange(10, 30).castTo(DataType.INT32);
        assertThat(new HashSet<>(labelsOfEpoch(new ArrayBatchSource(tail, tailLabels, 6).shuffle(true).seed(2), 0)))
                .hasSize(20).allMatch(label -> label >= 10 && label < 30);
        INDArray permuted = images(20).permute(0, 2, 1, 3);
        assertThat(new HashSet<>(labelsOfEpoch(new ArrayBatchSource(permuted, Nd4j.arange(20).castTo(DataType.INT32),
                6).shuffle(true).seed(2), 0))).hasSize(20);
    }

    @Test
    void prefetchingKeepsOrderAndContent() {
        INDArray x = images(37);
        INDArray y = Nd4j.arange(37).castTo(DataType.INT32);
        List<Integer> plain = labelsOfEpoch(new ArrayBatchSource(x, y, 5).shuffle(true).seed(9), 2);
        try (PrefetchingBatchSource p = new PrefetchingBatchSource(
                new ArrayBatchSource(x, y, 5).shuffle(true).seed(9), 3)) {
            labelsOfEpoch(p, 0);
            assertThat(x.shape()).containsExactly(37, 2, 2, 1);
            assertThat(labelsOfEpoch(p, 2)).isEqualTo(plain);
            Set<Integer> all = new HashSet<>(labelsOfEpoch(p, 3));
            assertThat(all).hasSize(37);
        }
    }

    @Test
    void mismatchedLengthsNameBothShapes() {
        assertThatThrownBy(() -> new ArrayBatchSource(images(10), Nd4j.zeros(9), 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x has 10").hasMessageContaining("y has 9");
        assertThatThrownBy(() -> new ArrayBatchSource(images(10), null, 0)).hasMessageContaining("batch_size=0");
    }
}
