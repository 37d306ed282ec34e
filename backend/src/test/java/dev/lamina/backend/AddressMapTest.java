package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The arena's address map against java.util's, through growth and removals in colliding runs. */
class AddressMapTest {

    @Test
    void agreesWithAHashMapThroughPutsAndRemovals() {
        AddressMap<INDArray> map = new AddressMap<>();
        Map<Long, INDArray> expected = new HashMap<>();
        INDArray[] values = {Nd4j.scalar(1f), Nd4j.scalar(2f), Nd4j.scalar(3f)};
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            // Few, page-aligned addresses: long probe runs, many removals inside them.
            long address = 0x7f00_0000_0000L + 4096L * random.nextInt(300);
            if (random.nextInt(3) == 0) {
                map.remove(address);
                expected.remove(address);
            } else {
                INDArray v = values[random.nextInt(values.length)];
                map.put(address, v);
                expected.put(address, v);
            }
            if (i % 97 == 0) {
                for (int k = 0; k < 300; k++) {
                    long a = 0x7f00_0000_0000L + 4096L * k;
                    assertThat(map.get(a)).as("address %d after %d operations", k, i).isSameAs(expected.get(a));
                }
            }
        }
        map.clear();
        assertThat(map.containsKey(0x7f00_0000_0000L)).isFalse();
    }
}
