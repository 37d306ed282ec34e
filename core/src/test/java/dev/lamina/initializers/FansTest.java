package dev.lamina.initializers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FansTest {

    @Test
    void scalarHasFansOfOne() {
        assertThat(Fans.of(new long[0])).isEqualTo(new Fans(1, 1));
    }

    @Test
    void vectorUsesItsLengthForBoth() {
        assertThat(Fans.of(new long[] {7})).isEqualTo(new Fans(7, 7));
    }

    @Test
    void matrixIsInByOut() {
        assertThat(Fans.of(new long[] {200, 300})).isEqualTo(new Fans(200, 300));
    }

    @Test
    void conv1dKernelMultipliesByTheReceptiveField() {
        // [k, inC, outC]
        assertThat(Fans.of(new long[] {5, 4, 8})).isEqualTo(new Fans(20, 40));
    }

    @Test
    void conv2dKernelMultipliesByTheReceptiveField() {
        // [kH, kW, inC, outC]
        assertThat(Fans.of(new long[] {3, 3, 64, 128}))
                .isEqualTo(new Fans(3 * 3 * 64, 3 * 3 * 128));
        assertThat(Fans.of(new long[] {5, 2, 3, 4})).isEqualTo(new Fans(30, 40));
    }

    @Test
    void rejectsNegativeDimensions() {
        assertThatThrownBy(() -> Fans.of(new long[] {3, -1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }
}
