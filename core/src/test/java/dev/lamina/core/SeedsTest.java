package dev.lamina.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeedsTest {

    @Test
    void derivedSeedsAreStableAndDistinct() {
        assertThat(Seeds.derive(42, "dropout", 1, 2, 3)).isEqualTo(Seeds.derive(42, "dropout", 1, 2, 3));
        assertThat(Seeds.derive(42, "dropout", 1, 2, 3)).isNotEqualTo(Seeds.derive(42, "dropout", 1, 2, 4));
        assertThat(Seeds.derive(42, "dropout", 1)).isNotEqualTo(Seeds.derive(42, "shuffle", 1));
        assertThat(Seeds.derive(42, "init")).isNotEqualTo(Seeds.derive(43, "init"));
    }

    @Test
    void setSeedIsGlobal() {
        Lamina.setSeed(7);
        assertThat(Lamina.getSeed()).isEqualTo(7);
        assertThat(Lamina.isSeeded()).isTrue();
    }
}
