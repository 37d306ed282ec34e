package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.callbacks.Callback;
import dev.lamina.core.BatchSource;
import dev.lamina.core.Lamina;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Conv2D;
import dev.lamina.layers.Dense;
import dev.lamina.layers.Dropout;
import dev.lamina.layers.Flatten;
import dev.lamina.optim.SGD;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model shared by threads, as in a server: predictions run side by side, never see a
 * half-loaded set of weights, and a save during training holds the weights of one whole step.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConcurrencyTest {

    @TempDir
    Path dir;

    private static Sequential cnn(long seed) {
        Lamina.setSeed(seed);
        Sequential m = new Sequential();
        m.add(new Conv2D(4, 3).activation("relu").inputShape(8, 8, 1));
        m.add(new BatchNormalization());
        m.add(new Flatten());
        m.add(new Dense(4).activation("softmax"));
        m.compile(new SGD(0.1), "categorical_crossentropy", "accuracy");
        return m;
    }

    /** Each thread's batch waits for the other's: the barrier trips only if both are inside predict at once. */
    @Test
    void twoThreadsPredictAtTheSameTimeWithTheSoloResults() throws Exception {
        Sequential model = cnn(1);
        INDArray x = ToyData.quadrants(16, 2)[0];
        INDArray solo = model.predict(x, 16);
        CyclicBarrier bothInside = new CyclicBarrier(2);
        BatchSource meeting = new BatchSource() {
            @Override
            public int numBatches() {
                return 1;
            }

            @Override
            public Batch batch(int index) {
                try {
                    bothInside.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other thread never entered predict", e);
                }
                return new Batch(x, null, null);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<INDArray> a = pool.submit(() -> model.predict(meeting));
            Future<INDArray> b = pool.submit(() -> model.predict(meeting));
            assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(solo);
            assertThat(b.get(30, TimeUnit.SECONDS)).isEqualTo(solo);
        } finally {
            pool.shutdownNow();
        }
    }

    /** While one thread swaps between two weight files, every prediction is wholly one or the other's. */
    @Test
    void predictionsNeverMixWeightsThatAreBeingLoaded() throws Exception {
        INDArray x = ToyData.quadrants(8, 3)[0];
        Sequential first = cnn(11);
        Sequential second = cnn(12);
        INDArray[] data = ToyData.quadrants(64, 4);
        second.fit(data[0], data[1], FitOptions.epochs(1).batchSize(16).verbose(0));
        Path a = dir.resolve("a.lamina");
        Path b = dir.resolve("b.lamina");
        first.saveWeights(a);
        second.saveWeights(b);
        INDArray fromA = first.predict(x);
        INDArray fromB = second.predict(x);
        assertThat(fromA).isNotEqualTo(fromB);

        Sequential served = cnn(11);
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> loader = pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    served.loadWeights(i % 2 == 0 ? b : a);
                }
                loading.set(false);
            });
            List<Future<Integer>> predictors = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                predictors.add(pool.submit(() -> {
                    int mixed = 0;
                    do {
                        INDArray p = served.predict(x);
                        if (!p.equals(fromA) && !p.equals(fromB)) {
                            mixed++;
                        }
                    } while (loading.get());
                    return mixed;
                }));
            }
            loader.get(120, TimeUnit.SECONDS);
            for (Future<Integer> p : predictors) {
                assertThat(p.get(60, TimeUnit.SECONDS)).as("predictions from a mix of two weight files").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every file saved while fit runs equals the weights after some whole step, as Keras' checkpoints do. */
    @Test
    void aSaveDuringFitHoldsTheWeightsOfOneWholeStep() throws Exception {
        Sequential model = cnn(21);
        INDArray[] data = ToyData.quadrants(256, 5);
        List<List<INDArray>> afterEachStep = new CopyOnWriteArrayList<>();
        afterEachStep.add(model.getWeights());
        Callback recorder = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                afterEachStep.add(model.getWeights());
            }
        };
        AtomicBoolean training = new AtomicBoolean(true);
        List<Path> saved = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> saver = pool.submit(() -> {
                int i = 0;
                while (training.get()) {
                    Path p = dir.resolve("snapshot-" + i++ + ".lamina");
                    model.save(p);
                    saved.add(p);
                }
                return null;
            });
            model.fit(data[0], data[1], FitOptions.epochs(3).batchSize(8).verbose(0).callbacks(recorder));
            training.set(false);
            saver.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(saved).isNotEmpty();
        for (Path p : saved) {
            assertThat(Files.size(p)).isPositive();
            List<INDArray> w = Model.load(p).getWeights();
            assertThat(afterEachStep).as("weights in %s", p.getFileName()).contains(w);
        }
    }

    /** Two models trained at once, each with its fit seed, end with the weights each gets alone. */
    @Test
    void aFitSeedMakesTrainingReproducibleWhileAnotherJobRuns() throws Exception {
        INDArray[] data = ToyData.quadrants(128, 6);
        FitOptions options = FitOptions.epochs(2).batchSize(16).verbose(0).seed(42);
        List<INDArray> alone = withDropout(7).fitAndWeights(data, options);
        List<INDArray> otherSeed = withDropout(7).fitAndWeights(data, options.seed(43));
        assertThat(otherSeed).isNotEqualTo(alone);

        Trained first = withDropout(7);
        Trained second = withDropout(7);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<INDArray>> a = pool.submit(() -> first.fitAndWeights(data, options));
            Future<List<INDArray>> b = pool.submit(() -> {
                // The other job changes the global seed while the first trains.
                for (int i = 0; i < 20; i++) {
                    Lamina.setSeed(1000 + i);
                }
                return second.fitAndWeights(data, options.seed(42));
            });
            assertThat(a.get(120, TimeUnit.SECONDS)).isEqualTo(alone);
            assertThat(b.get(120, TimeUnit.SECONDS)).isEqualTo(alone);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A model with Dropout, built under a fixed global seed. */
    private static Trained withDropout(long seed) {
        Lamina.setSeed(seed);
        Sequential m = new Sequential();
        m.add(new Conv2D(4, 3).activation("relu").inputShape(8, 8, 1));
        m.add(new Flatten());
        m.add(new Dropout(0.5));
        m.add(new Dense(4).activation("softmax"));
        m.compile(new SGD(0.1), "categorical_crossentropy", "accuracy");
        return new Trained(m);
    }

    private record Trained(Sequential model) {
        List<INDArray> fitAndWeights(INDArray[] data, FitOptions options) {
            model.fit(data[0], data[1], options);
            return model.getWeights();
        }
    }
}
