package dev.lamina.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedGeneratorTest {

    @Test
    void drawsDistinctSeedsAndResumesWhereItStood() {
        SeedGenerator g = new SeedGenerator(42);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(g.next());
        }
        assertThat(seen).hasSize(1000);
        assertThat(g.counter()).isEqualTo(1000);

        SeedGenerator a = new SeedGenerator(7);
        a.next();
        a.next();
        SeedGenerator resumed = new SeedGenerator(a.seed(), a.counter());
        assertThat(resumed.next()).isEqualTo(a.next());
        assertThat(new SeedGenerator(8).next()).isNotEqualTo(new SeedGenerator(7).next());
        assertThatThrownBy(() -> new SeedGenerator(1, -1)).hasMessageContaining("-1");
    }
}
