package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.apache.commons.lang3.RandomUtils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J draws an id for every new data buffer from commons-lang3's {@code RandomUtils}. From
 * commons-lang3 3.15 on, each such draw builds a new {@code SecureRandom} (through a reflective
 * provider lookup), which made every array Lamina creates cost several kilobytes of Java garbage.
 * These tests fail when a newer commons-lang3 wins on the class path again.
 */
class BufferNamingTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void randomUtilsDrawsWithoutMakingObjects() {
        for (int i = 0; i < 1_000; i++) {
            RandomUtils.nextInt(0, Integer.MAX_VALUE);
        }
        long before = allocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            RandomUtils.nextInt(0, Integer.MAX_VALUE);
        }
        // A SecureRandom per draw is over a kilobyte each: over 10 MB here.
        assertThat(allocatedBytes() - before).isLessThan(1_000_000);
    }

    @Test
    void aNewArrayCostsUnderTwoAndAHalfKilobytesOfJavaObjects() {
        for (int i = 0; i < 1_000; i++) {
            Nd4j.createUninitialized(DataType.FLOAT, 32, 10).close();
        }
        long before = allocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            Nd4j.createUninitialized(DataType.FLOAT, 32, 10).close();
        }
        long perArray = (allocatedBytes() - before) / 1_000;
        assertThat(perArray).isLessThan(2_560);
    }
}
