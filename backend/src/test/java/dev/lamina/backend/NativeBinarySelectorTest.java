package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bootstrap's choice of native build: CPU flags in, extension out. */
class NativeBinarySelectorTest {

    private static final Set<String> AVX512 = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512dq", "avx512vl", "avx512cd");

    @Test
    void avx512CpuGetsTheAvx512Build() {
        assertThat(NativeBinarySelector.chooseExtension(AVX512, null)).isEqualTo("-onednn-avx512");
    }

    @Test
    void avx2CpuKeepsJavaCppsDefault() {
        assertThat(NativeBinarySelector.chooseExtension(Set.of("avx", "avx2", "fma"), null)).isNull();
    }

    @Test
    void partialAvx512IsNotEnough() {
        // Knights Landing has avx512f but not bw/dq/vl, which the AVX-512 build needs.
        assertThat(NativeBinarySelector.chooseExtension(Set.of("avx2", "avx512f", "avx512cd"), null)).isNull();
    }

    @Test
    void theUsersChoiceWins() {
        assertThat(NativeBinarySelector.chooseExtension(AVX512, "-onednn-avx2")).isNull();
        assertThat(NativeBinarySelector.chooseExtension(AVX512, "")).isNull();
    }

    @Test
    void unknownCpuKeepsTheDefault() {
        assertThat(NativeBinarySelector.chooseExtension(Set.of(), null)).isNull();
    }

    @Test
    void anApplicationShippingOnlyTheAvx2BuildKeepsIt() {
        assertThat(NativeBinarySelector.chooseExtension(AVX512, null, false)).isNull();
        assertThat(NativeBinarySelector.chooseExtension(AVX512, null, true)).isEqualTo("-onednn-avx512");
        // Lamina's own build carries both.
        assertThat(NativeBinarySelector.avx512Present()).isTrue();
    }
}
