package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The arena's early release: reuse within a step, never two holders of one array. */
class ArrayArenaTest {

    private static INDArray take(long... shape) {
        return ArrayArena.uninitialized(DataType.FLOAT, shape);
    }

    @Test
    void aReleasedArrayServesOneLaterRequestOfItsTypeAndLength() {
        ArrayArena arena = new ArrayArena();
        try (ArrayArena.Scope s = arena.step()) {
            INDArray a = take(2, 3);
            ArrayArena.release(a);
            assertThat(ArrayArena.shareBuffer(take(2, 2), a)).as("another length").isFalse();
            assertThat(ArrayArena.shareBuffer(ArrayArena.uninitialized(DataType.DOUBLE, 2, 3), a))
                    .as("another type").isFalse();
            INDArray b = take(3, 2);
            assertThat(ArrayArena.shareBuffer(b, a)).isTrue();
            assertThat(b.shape()).containsExactly(3, 2);
            // Handed out again: a second request must not get it too.
            assertThat(ArrayArena.shareBuffer(take(2, 3), a)).isFalse();
        }
    }

    @Test
    void aReshapedViewReleasesItsBufferWhichServesAnyShapeOfTheSameLength() {
        // Batch normalization hands back a [rows, channels] view of a [N, H, W, C] array.
        ArrayArena arena = new ArrayArena();
        try (ArrayArena.Scope s = arena.step()) {
            INDArray a = take(2, 3, 4);
            ArrayArena.release(a.reshape('c', 6, 4));
            INDArray b = take(24);
            assertThat(ArrayArena.shareBuffer(a, b)).isTrue();
            assertThat(b.shape()).containsExactly(24);
            assertThat(ArrayArena.shareBuffer(take(2, 3, 4), a)).as("in use again, not handed out twice").isFalse();
        }
    }

    @Test
    void aSliceDoesNotReleaseItsWholeBuffer() {
        ArrayArena arena = new ArrayArena();
        try (ArrayArena.Scope s = arena.step()) {
            INDArray a = take(4, 6);
            ArrayArena.release(a.getRow(1));
            assertThat(ArrayArena.shareBuffer(take(4, 6), a)).isFalse();
        }
    }

    @Test
    void withoutReleaseEveryRequestOfAStepGetsItsOwnArray() {
        ArrayArena arena = new ArrayArena();
        for (int step = 0; step < 3; step++) {
            try (ArrayArena.Scope s = arena.step()) {
                Set<INDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                for (int i = 0; i < 5; i++) {
                    assertThat(seen.add(take(4, 4))).as("step " + step + " request " + i).isTrue();
                }
            }
        }
    }

    @Test
    void releasingForeignArraysOrOutsideAStepChangesNothing() {
        INDArray foreign = Nd4j.create(DataType.FLOAT, 2, 2);
        ArrayArena.release(foreign);
        ArrayArena arena = new ArrayArena();
        try (ArrayArena.Scope s = arena.step()) {
            ArrayArena.release(foreign);
            assertThat(take(2, 2)).isNotSameAs(foreign);
        }
    }

    @Test
    void aRepeatedInferencePatternSettlesOnTheSameArraysAndLaterStepsStayDistinct() {
        // Layer-like chain: a -> b (a dies) -> c, where c has a's shape and reuses its array.
        ArrayArena arena = new ArrayArena();
        INDArray[] first = null;
        for (int step = 0; step < 3; step++) {
            try (ArrayArena.Scope s = arena.step()) {
                INDArray a = take(8, 8);
                INDArray b = take(4, 4);
                ArrayArena.release(a);
                INDArray c = take(8, 8);
                assertThat(c).isSameAs(a);
                if (first == null) {
                    first = new INDArray[] {a, b};
                } else {
                    assertThat(a).isSameAs(first[0]);
                    assertThat(b).isSameAs(first[1]);
                }
            }
        }
        // A step that releases nothing (training) must not be given one buffer twice, although
        // the arena now keeps a's array at two positions.
        try (ArrayArena.Scope s = arena.step()) {
            INDArray a = take(8, 8);
            take(4, 4);
            INDArray c = take(8, 8);
            assertThat(ArrayArena.shareBuffer(a, c)).isFalse();
        }
    }

    @Test
    void viewsShareTheirAllocationsBuffer() {
        INDArray m = Nd4j.create(DataType.FLOAT, 6, 4);
        assertThat(ArrayArena.shareBuffer(m, m.reshape(24))).isTrue();
        assertThat(ArrayArena.shareBuffer(m, m.getRow(3))).isTrue();
        assertThat(ArrayArena.shareBuffer(m, m.dup())).isFalse();
    }

    @Test
    void reshapesOfAKeptArrayAreTheSameViewFromStepToStep() {
        ArrayArena arena = new ArrayArena();
        INDArray first;
        INDArray firstArray;
        try (ArrayArena.Scope s = arena.step()) {
            firstArray = take(2, 3, 4);
            first = ArrayArena.reshape(firstArray, 6, 4);
            assertThat(ArrayArena.reshape(first, 24)).as("a reshape of the cached view").isSameAs(
                    ArrayArena.reshape(firstArray, 24));
        }
        try (ArrayArena.Scope s = arena.step()) {
            INDArray a = take(2, 3, 4);
            assertThat(a).isSameAs(firstArray);
            a.assign(Nd4j.arange(0, 24).castTo(DataType.FLOAT).reshape(2, 3, 4));
            INDArray view = ArrayArena.reshape(a, 6, 4);
            assertThat(view).isSameAs(first);
            assertThat(view.getFloat(5, 3)).isEqualTo(23f);
        }
    }

    @Test
    void reshapesOfOtherArraysAreFreshViewsOrCopies() {
        ArrayArena arena = new ArrayArena();
        INDArray owned = Nd4j.arange(0, 12).castTo(DataType.FLOAT).reshape(3, 4);
        INDArray transposed = owned.transpose();
        try (ArrayArena.Scope s = arena.step()) {
            INDArray a = ArrayArena.reshape(owned, 4, 3);
            assertThat(a).isNotSameAs(ArrayArena.reshape(owned, 4, 3));
            assertThat(a.getFloat(3, 2)).isEqualTo(11f);
            // Not row-major: a row-major copy of the transposed order, as ND4J's reshape gives.
            INDArray t = ArrayArena.reshape(transposed, 12);
            assertThat(t.getFloat(1)).isEqualTo(4f);
            assertThat(ArrayArena.reshape(owned, 3, 4)).as("same shape").isSameAs(owned);
        }
    }

    @Test
    void anArrayDroppedFromItsPositionTakesItsViewsAlong() {
        // Three shapes at one position: the oldest array leaves the arena, and a reshape of the
        // array that replaced it must not hand out a view of the old memory.
        ArrayArena arena = new ArrayArena();
        INDArray old;
        try (ArrayArena.Scope s = arena.step()) {
            old = take(2, 6);
            ArrayArena.reshape(old, 12);
        }
        for (long[] shape : new long[][] {{3, 4}, {4, 3}}) {
            try (ArrayArena.Scope s = arena.step()) {
                take(shape);
            }
        }
        try (ArrayArena.Scope s = arena.step()) {
            INDArray fresh = take(2, 6);
            assertThat(ArrayArena.shareBuffer(fresh, old)).isFalse();
            assertThat(ArrayArena.shareBuffer(ArrayArena.reshape(fresh, 12), fresh)).isTrue();
        }
    }

    @Test
    void freeClosesEveryHeldBufferAtOnceAndTheArenaStartsAfresh() {
        ArrayArena arena = new ArrayArena();
        INDArray a;
        INDArray viewOfReleased;
        try (ArrayArena.Scope s = arena.step()) {
            a = ArrayArena.uninitialized(DataType.FLOAT, 4, 6);
            INDArray b = ArrayArena.uninitialized(DataType.FLOAT, 24);
            ArrayArena.release(b);
            viewOfReleased = ArrayArena.uninitialized(DataType.FLOAT, 2, 12);
        }
        assertThat(arena.free()).isEqualTo(2);
        assertThat(a.wasClosed()).isTrue();
        assertThat(viewOfReleased.wasClosed()).isTrue();
        assertThat(arena.size()).isZero();
        assertThat(arena.free()).isZero();
        try (ArrayArena.Scope s = arena.step()) {
            INDArray fresh = ArrayArena.uninitialized(DataType.FLOAT, 4, 6);
            assertThat(fresh.wasClosed()).isFalse();
            fresh.assign(1);
        }
    }
}
