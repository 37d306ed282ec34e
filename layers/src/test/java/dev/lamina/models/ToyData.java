package dev.lamina.models;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The layers module's shared toy problem for training tests. */
public final class ToyData {

    private ToyData() {
    }

    /**
     * 8x8x1 images of faint noise with one bright pixel; the one-hot class is its quadrant.
     *
     * @param n the number of samples
     * @param seed the seed of the noise and the classes
     * @return {@code {x (n, 8, 8, 1), y (n, 4)}}
     */
    public static INDArray[] quadrants(int n, long seed) {
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), n, 8, 8, 1).castTo(DataType.FLOAT)
                .muli(0.1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            int q = r.nextInt(4);
            x.putScalar(new long[] {i, (q / 2) * 4 + 1, (q % 2) * 4 + 1, 0}, 1.0);
            y.putScalar(i, q, 1.0);
        }
        return new INDArray[] {x, y};
    }
}
