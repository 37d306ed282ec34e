package dev.lamina.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SeededDraws} must draw exactly what {@link SplittableRandom} draws from the same seed. */
class SeededDrawsTest {

    @Test
    void drawsWhatSplittableRandomDraws() {
        // Bounds of every kind: powers of two, small, and near 2^31, where many draws are rejected.
        int[] bounds = {1, 2, 3, 7, 8, 10, 1 << 20, (1 << 30) + 1, Integer.MAX_VALUE};
        SeededDraws draws = new SeededDraws();
        SplittableRandom seeds = new SplittableRandom(11);
        for (int trial = 0; trial < 2_000; trial++) {
            long seed = seeds.nextLong();
            SplittableRandom expected = new SplittableRandom(seed);
            draws.reseed(seed);
            for (int k = 0; k < 30; k++) {
                switch (k % 3) {
                    case 0 -> assertThat(draws.nextDouble()).isEqualTo(expected.nextDouble());
                    case 1 -> assertThat(draws.nextBoolean()).isEqualTo(expected.nextBoolean());
                    default -> {
                        int bound = bounds[(trial + k) % bounds.length];
                        assertThat(draws.nextInt(bound)).isEqualTo(expected.nextInt(bound));
                    }
                }
            }
        }
    }
}
