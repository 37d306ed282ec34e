package dev.lamina.benchmarks;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inputs both variants of {@link ConvBlocksBenchmark} share: a batch of MNIST-sized images,
 * seeded Glorot-uniform kernels, small seeded biases and a fixed upstream gradient. Values come
 * from {@link java.util.Random}, so they do not depend on ND4J's random generator.
 */
final class ConvBlockData {

    /** Default batch size (the MNIST example's). */
    static final int BATCH = 64;
    /** Filters of the first and second conv layer. */
    static final int FILTERS1 = 32;
    static final int FILTERS2 = 64;

    final int batch;
    final INDArray x;
    final INDArray kernel1;
    final INDArray bias1;
    final INDArray kernel2;
    final INDArray bias2;
    final INDArray dy;

    /**
     * Draws the arrays.
     *
     * @param batch the batch size
     * @param seed the seed of every draw
     */
    ConvBlockData(int batch, long seed) {
        this.batch = batch;
        Random rnd = new Random(seed);
        x = uniform(rnd, 0, 1, batch, 28, 28, 1);
        kernel1 = glorot(rnd, 3, 3, 1, FILTERS1);
        bias1 = uniform(rnd, -0.1, 0.1, FILTERS1);
        kernel2 = glorot(rnd, 3, 3, FILTERS1, FILTERS2);
        bias2 = uniform(rnd, -0.1, 0.1, FILTERS2);
        // 28 -conv3-> 26 -pool2-> 13 -conv3-> 11 -pool2-> 5
        dy = uniform(rnd, -1, 1, batch, 5, 5, FILTERS2);
    }

    private static INDArray glorot(Random rnd, int kh, int kw, int in, int out) {
        double limit = Math.sqrt(6.0 / (kh * kw * in + kh * kw * out));
        return uniform(rnd, -limit, limit, kh, kw, in, out);
    }

    private static INDArray uniform(Random rnd, double lo, double hi, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] data = new float[Math.toIntExact(n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return Nd4j.create(data, shape, 'c');
    }
}
