package dev.lamina.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The accuracies' Java counting agrees with their ND4J form, ties and strided inputs included. */
class AccuracyHostPathTest {

    private static final int N = 37;
    private static final int CLASSES = 5;

    /** Predictions with exact ties in some rows (first one must win), as float32. */
    private static INDArray predictions(Random r) {
        float[][] p = new float[N][CLASSES];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < CLASSES; j++) {
                p[i][j] = r.nextInt(4) / 4f;
            }
        }
        return Nd4j.createFromArray(p);
    }

    private static int[] labels(Random r) {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = r.nextInt(CLASSES);
        }
        return y;
    }

    @Test
    void sparseAccuracyMatchesNd4jForLabelLayoutsAndTypes() {
        Random r = new Random(3);
        for (int round = 0; round < 5; round++) {
            INDArray p = predictions(r);
            int[] y = labels(r);
            SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
            INDArray[] layouts = {Nd4j.createFromArray(y), Nd4j.createFromArray(y).reshape(N, 1),
                Nd4j.createFromArray(y).castTo(DataType.FLOAT)};
            for (INDArray labels : layouts) {
                double[] expected = m.perSample(labels, p).toDoubleVector();
                assertArrayEquals(expected, m.perSampleValues(labels, p), 0.0);
            }
        }
    }

    @Test
    void stridedPredictionsAreReadInLogicalOrder() {
        Random r = new Random(5);
        INDArray p = predictions(r);
        INDArray strided = p.transpose().dup('c').transpose();
        assertTrue(strided.ordering() == 'f');
        INDArray labels = Nd4j.createFromArray(labels(r));
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        assertArrayEquals(m.perSample(labels, p).toDoubleVector(), m.perSampleValues(labels, strided), 0.0);
    }

    @Test
    void evaluationBatchViewsAreReadFromTheirOwnRows() {
        // Evaluation slices its inputs: row-interval views whose buffers start mid-array.
        Random r = new Random(9);
        INDArray p = Nd4j.vstack(predictions(r), predictions(r));
        INDArray labels = Nd4j.createFromArray(labels(r)).reshape(N, 1);
        INDArray allLabels = Nd4j.vstack(labels, Nd4j.createFromArray(labels(r)).reshape(N, 1));
        INDArray pView = p.get(NDArrayIndex.interval(N, 2 * N), NDArrayIndex.all());
        INDArray yView = allLabels.get(NDArrayIndex.interval(N, 2 * N), NDArrayIndex.all());
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        assertArrayEquals(m.perSample(yView.dup(), pView.dup()).toDoubleVector(), m.perSampleValues(yView, pView),
                0.0);
    }

    @Test
    void categoricalAccuracyMatchesNd4j() {
        Random r = new Random(7);
        INDArray p = predictions(r);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, N, CLASSES);
        int[] y = labels(r);
        for (int i = 0; i < N; i++) {
            oneHot.putScalar(i, y[i], 1);
        }
        CategoricalAccuracy m = new CategoricalAccuracy();
        assertArrayEquals(m.perSample(oneHot, p).toDoubleVector(), m.perSampleValues(oneHot, p), 0.0);
    }

    @Test
    void weightedMeanCountsEachSampleByItsWeight() {
        INDArray p = Nd4j.createFromArray(new float[][] {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.6f, 0.4f}});
        INDArray y = Nd4j.createFromArray(0, 0, 0);
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        m.update(y, p, Nd4j.createFromArray(1.0, 3.0, 0.5));
        assertEquals(1.5 / 4.5, m.result(), 1e-12);
        m.update(y, p, null);
        assertEquals(3.5 / 7.5, m.result(), 1e-12);
    }

    @Test
    void mismatchedCountsNameBothShapes() {
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.update(Nd4j.createFromArray(0, 1), Nd4j.rand(DataType.FLOAT, 3, 4), null));
        assertTrue(e.getMessage().contains("2 labels for 3 predictions"), e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> m.update(Nd4j.createFromArray(0, 1, 2), Nd4j.rand(DataType.FLOAT, 3, 4),
                        Nd4j.createFromArray(1.0, 2.0)));
        assertTrue(w.getMessage().contains("2 sample weights for 3 samples"), w.getMessage());
    }
}
