package dev.lamina.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentByIdentityTest {

    /** Counts derivations, so that a test can tell a hit from a miss. */
    private final List<Object> derived = new ArrayList<>();

    private RecentByIdentity<Object, String> cache(int size) {
        return new RecentByIdentity<>(size, k -> {
            derived.add(k);
            return "value of " + k;
        });
    }

    @Test
    void derivesOncePerKeyAndLooksKeysUpByIdentity() {
        RecentByIdentity<Object, String> cache = cache(16);
        String a = new String("key");
        String b = new String("key");

        String first = cache.get(a);
        assertThat(cache.get(a)).isSameAs(first);
        cache.get(b);

        assertThat(derived).hasSize(2);
        assertThat(derived.get(0)).isSameAs(a);
        assertThat(derived.get(1)).isSameAs(b);
    }

    @Test
    void keysSharingANeighbourhoodAllStayUntilItOverflows() {
        // In a table of exactly WAYS slots every key shares one neighbourhood: the one-slot-per-key
        // table this replaced would evict on every hash collision.
        RecentByIdentity<Object, String> cache = cache(RecentByIdentity.WAYS);
        Object[] keys = new Object[RecentByIdentity.WAYS];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Object();
            cache.get(keys[i]);
        }
        for (int round = 0; round < 3; round++) {
            for (Object k : keys) {
                cache.get(k);
            }
        }
        assertThat(derived).hasSize(RecentByIdentity.WAYS);

        Object newcomer = new Object();
        cache.get(newcomer);
        cache.get(newcomer);
        assertThat(derived).hasSize(RecentByIdentity.WAYS + 1);
        int missesAfterward = 0;
        for (Object k : keys) {
            int before = derived.size();
            cache.get(k);
            missesAfterward += derived.size() - before;
        }
        assertThat(missesAfterward).as("the newcomer displaced at least one older key").isPositive();
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwoOrSmallerThanANeighbourhood() {
        assertThatThrownBy(() -> cache(24)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two").hasMessageContaining("24");
        assertThatThrownBy(() -> cache(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + RecentByIdentity.WAYS);
    }
}
