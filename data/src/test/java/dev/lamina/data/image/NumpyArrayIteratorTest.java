package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lamina.core.BatchSource.Batch;
import dev.lamina.core.PrefetchingBatchSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Batches, seeds, epochs and subsets of {@link ImageDataGenerator#flow}. */
class NumpyArrayIteratorTest {

    private static final int N = 10;

    /** N images 4x4x3 whose every value is the sample's index (0..9) plus 10 times the pixel's index. */
    private static INDArray images() {
        float[] v = new float[N * 4 * 4 * 3];
        for (int i = 0; i < v.length; i++) {
            int sample = i / 48;
            int pixel = (i % 48) / 3;
            v[i] = sample + 10 * pixel;
        }
        return Nd4j.create(v, new long[] {N, 4, 4, 3}, 'c');
    }

    private static INDArray labels() {
        return Nd4j.arange(N).castTo(DataType.FLOAT).reshape(N, 1);
    }

    private static ImageDataGenerator augmenting() {
        return new ImageDataGenerator().rotationRange(20).widthShiftRange(0.2).heightShiftRange(0.2).shearRange(10)
                .zoomRange(0.2).horizontalFlip(true).verticalFlip(true).brightnessRange(0.8, 1.2);
    }

    /** The sample index an unaugmented image comes from (its top-left value). */
    private static int sampleOf(Batch b, int i) {
        return Math.round(b.x().getFloat(i, 0, 0, 0));
    }

    @Test
    void unshuffledBatchesAreConsecutiveSlicesAsFloat32() {
        NumpyArrayIterator it = new ImageDataGenerator().flow(images().castTo(DataType.UINT8), labels(), 4).shuffle(false);
        assertThat(it.numBatches()).isEqualTo(3);
        assertThat(it.numSamples()).isEqualTo(N);
        it.onEpochBegin(0);
        Batch last = it.batch(2);
        assertThat(last.x().shape()).containsExactly(2, 4, 4, 3);
        assertThat(last.x().dataType()).isEqualTo(DataType.FLOAT);
        assertThat(ImageArrays.floats(last.y())).containsExactly(8f, 9f);
        assertThat(last.x()).isEqualTo(images().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(8, 10)));
        assertThatThrownBy(() -> it.batch(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shuffledLabelsFollowTheirImages() {
        NumpyArrayIterator it = new ImageDataGenerator().flow(images(), labels(), 3).seed(1);
        it.onEpochBegin(0);
        List<Integer> seen = new ArrayList<>();
        for (int b = 0; b < it.numBatches(); b++) {
            Batch batch = it.batch(b);
            for (int i = 0; i < batch.size(); i++) {
                assertThat(batch.y().getFloat(i, 0)).isEqualTo((float) sampleOf(batch, i));
                seen.add(sampleOf(batch, i));
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    }

    @Test
    void rescaleIsApplied() {
        NumpyArrayIterator it = new ImageDataGenerator().rescale(0.5).flow(images(), null, 10).shuffle(false);
        Batch b = it.batch(0);
        assertThat(b.y()).isNull();
        assertThat(b.x()).isEqualTo(images().mul(0.5));
    }

    @Test
    void sameSeedSameBatchesOtherSeedOtherBatches() {
        ImageDataGenerator g = augmenting();
        NumpyArrayIterator a = g.flow(images(), labels(), 4).seed(7);
        NumpyArrayIterator b = g.flow(images(), labels(), 4).seed(7);
        NumpyArrayIterator c = g.flow(images(), labels(), 4).seed(8);
        for (NumpyArrayIterator it : List.of(a, b, c)) {
            it.onEpochBegin(3);
        }
        for (int i = 0; i < a.numBatches(); i++) {
            assertThat(a.batch(i).x()).isEqualTo(b.batch(i).x());
            assertThat(a.batch(i).y()).isEqualTo(b.batch(i).y());
        }
        assertThat(a.batch(0).x()).isNotEqualTo(c.batch(0).x());
    }

    @Test
    void aBatchDependsOnlyOnEpochAndIndex() {
        ImageDataGenerator g = augmenting();
        NumpyArrayIterator used = g.flow(images(), labels(), 4).seed(3);
        used.onEpochBegin(0);
        used.batch(2);
        used.batch(0);
        used.onEpochBegin(1);
        used.batch(1);
        Batch afterHistory = used.batch(2);
        Batch again = used.batch(2);

        NumpyArrayIterator fresh = g.flow(images(), labels(), 4).seed(3);
        fresh.onEpochBegin(1);
        Batch resumed = fresh.batch(2);

        assertThat(afterHistory.x()).isEqualTo(resumed.x()).isEqualTo(again.x());
        assertThat(afterHistory.y()).isEqualTo(resumed.y());
        // Another epoch shuffles and augments differently.
        fresh.onEpochBegin(2);
        assertThat(fresh.batch(2).x()).isNotEqualTo(resumed.x());
    }

    @Test
    void prefetchingOnAnotherThreadGivesTheSameBatches() {
        ImageDataGenerator g = augmenting();
        NumpyArrayIterator direct = g.flow(images(), labels(), 3).seed(11);
        try (PrefetchingBatchSource prefetched = new PrefetchingBatchSource(g.flow(images(), labels(), 3).seed(11), 2)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                direct.onEpochBegin(epoch);
                prefetched.onEpochBegin(epoch);
                for (int i = 0; i < direct.numBatches(); i++) {
                    Batch a = direct.batch(i);
                    Batch b = prefetched.batch(i);
                    assertThat(b.x()).isEqualTo(a.x());
                    assertThat(b.y()).isEqualTo(a.y());
                }
            }
        }
    }

    @Test
    void releasedBatchesAreRefilledWithTheBatchesAFreshIteratorMakes() {
        ImageDataGenerator g = augmenting();
        NumpyArrayIterator recycling = g.flow(images(), labels(), 4).seed(5);
        NumpyArrayIterator fresh = g.flow(images(), labels(), 4).seed(5);
        Set<INDArray> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int epoch = 0; epoch < 3; epoch++) {
            recycling.onEpochBegin(epoch);
            fresh.onEpochBegin(epoch);
            for (int i = 0; i < recycling.numBatches(); i++) {
                Batch got = recycling.batch(i);
                Batch expected = fresh.batch(i);
                assertThat(got.x()).as("epoch %d batch %d", epoch, i).isEqualTo(expected.x());
                assertThat(got.y()).as("epoch %d batch %d", epoch, i).isEqualTo(expected.y());
                arrays.add(got.x());
                arrays.add(got.y());
                recycling.release(got);
            }
        }
        // Batches of 4, 4 and 2 over three epochs: one pair of arrays per batch size.
        assertThat(arrays).hasSize(4);
    }

    @Test
    void withoutReleaseEveryBatchHasArraysOfItsOwn() {
        NumpyArrayIterator it = augmenting().flow(images(), labels(), 4).seed(5);
        it.onEpochBegin(0);
        Batch first = it.batch(0);
        INDArray kept = first.x().dup();
        Batch second = it.batch(1);
        assertThat(second.x()).isNotSameAs(first.x());
        assertThat(first.x()).isEqualTo(kept);
    }

    @Test
    void augmentationChangesImagesButNotLabels() {
        NumpyArrayIterator it = augmenting().flow(images(), labels(), N).shuffle(false).seed(5);
        Batch b = it.batch(0);
        assertThat(b.x()).isNotEqualTo(images());
        assertThat(b.y()).isEqualTo(labels());
    }

    @Test
    void validationIsTheFirstFractionAndTrainingTheRest() {
        ImageDataGenerator g = new ImageDataGenerator().validationSplit(0.3);
        NumpyArrayIterator val = g.flow(images(), labels(), 4).subset("validation", true).seed(2);
        NumpyArrayIterator train = g.flow(images(), labels(), 4).subset("training", true).seed(2);
        assertThat(val.numSamples()).isEqualTo(3);
        assertThat(train.numSamples()).isEqualTo(7);
        assertThat(val.subset()).isEqualTo("validation");
        Set<Integer> valSeen = samples(val);
        Set<Integer> trainSeen = samples(train);
        assertThat(valSeen).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(trainSeen).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9).doesNotContainAnyElementsOf(valSeen);
    }

    private static Set<Integer> samples(NumpyArrayIterator it) {
        it.onEpochBegin(0);
        Set<Integer> seen = new HashSet<>();
        for (int b = 0; b < it.numBatches(); b++) {
            Batch batch = it.batch(b);
            for (int i = 0; i < batch.size(); i++) {
                assertThat(seen.add(sampleOf(batch, i))).isTrue();
                assertThat(batch.y().getFloat(i, 0)).isEqualTo((float) sampleOf(batch, i));
            }
        }
        return seen;
    }

    @Test
    void subsetsWithDifferentLabelSetsAreRefusedLikeKeras() {
        ImageDataGenerator g = new ImageDataGenerator().validationSplit(0.5);
        INDArray sortedLabels = Nd4j.create(new float[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, new long[] {N});
        assertThatThrownBy(() -> g.flow(images(), sortedLabels, 2).subset("training"))
                .hasMessageContaining("different number of classes");
        assertThat(g.flow(images(), sortedLabels, 2).subset("training", true).numSamples()).isEqualTo(5);
        assertThatThrownBy(() -> g.flow(images(), labels(), 2).subset("test")).hasMessageContaining("Received: subset=test");
        assertThatThrownBy(() -> new ImageDataGenerator().flow(images(), labels(), 2).subset("training"))
                .hasMessageContaining("validation_split=0");
    }

    @Test
    void badArraysAreRefused() {
        assertThatThrownBy(() -> new ImageDataGenerator().flow(Nd4j.zeros(4, 4, 3), null, 2))
                .hasMessageContaining("should have rank 4").hasMessageContaining("[4, 4, 3]");
        assertThatThrownBy(() -> new ImageDataGenerator().flow(images(), Nd4j.zeros(3, 1), 2))
                .hasMessageContaining("should have the same length");
        assertThatThrownBy(() -> new ImageDataGenerator().flow(images(), labels(), 0))
                .hasMessageContaining("Received: batch_size=0");
    }

    @Test
    void sampleWeightsArePassedThrough() {
        INDArray w = Nd4j.arange(N).castTo(DataType.FLOAT).addi(100);
        NumpyArrayIterator it = new ImageDataGenerator().flow(images(), labels(), 4).sampleWeights(w).seed(4);
        it.onEpochBegin(0);
        Batch b = it.batch(1);
        for (int i = 0; i < b.size(); i++) {
            assertThat(b.sampleWeights().getFloat(i)).isEqualTo(100f + sampleOf(b, i));
        }
    }
}
