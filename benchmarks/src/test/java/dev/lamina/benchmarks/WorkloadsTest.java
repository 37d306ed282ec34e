package dev.lamina.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The workloads are the models their peers train: the same parameter counts and batch sizes. */
class WorkloadsTest {

    @Test
    void parameterCountsMatchThePeers() throws Exception {
        assertThat(Workloads.compiled("W1").countParams()).isEqualTo(60_554);
        assertThat(Workloads.compiled("W3").countParams()).isEqualTo(61_706);
        assertThat(Workloads.compiled("WR").countParams()).isEqualTo(30_602);
    }

    @Test
    void batchSizes() {
        assertThat(Workloads.batchSize("W1")).isEqualTo(64);
        assertThat(Workloads.batchSize("W2")).isEqualTo(32);
        assertThat(Workloads.batchSize("W3")).isEqualTo(32);
        assertThat(Workloads.batchSize("WR")).isEqualTo(64);
    }
}
