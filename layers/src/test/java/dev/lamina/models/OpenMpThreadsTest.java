package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Threads predicting at once split the OpenMP threads between them; one alone gets them all. */
class OpenMpThreadsTest {

    @Test
    void twoPredictingThreadsShareTheCores() throws Exception {
        Nd4j.create(1);
        assumeTrue(OpenMpThreads.ofThisThread() > 0, "no OpenMP runtime reachable in this process");
        int all = OpenMpThreads.processDefault();
        CountDownLatch firstIn = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try (OpenMpThreads.Scope s = OpenMpThreads.predicting()) {
                firstIn.countDown();
                secondDone.await(10, TimeUnit.SECONDS);
                return OpenMpThreads.ofThisThread();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        firstIn.await(10, TimeUnit.SECONDS);
        int second;
        try (OpenMpThreads.Scope s = OpenMpThreads.predicting()) {
            second = OpenMpThreads.ofThisThread();
        }
        secondDone.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(all);
        assertThat(second).isEqualTo(Math.max(1, all / 2));
        try (OpenMpThreads.Scope s = OpenMpThreads.predicting()) {
            assertThat(OpenMpThreads.ofThisThread()).isEqualTo(all);
        }
    }
}
