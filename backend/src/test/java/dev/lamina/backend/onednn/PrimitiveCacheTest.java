package dev.lamina.backend.onednn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimitiveCacheTest {

    private static final class Counted implements PrimitiveCache.Entry {
        final long id;
        boolean destroyed;

        Counted(long id) {
            this.id = id;
        }

        @Override
        public void destroy() {
            destroyed = true;
        }
    }

    @Test
    void keepsTheMostRecentlyUsedAndDestroysWhatFallsOut() {
        PrimitiveCache<Counted> cache = new PrimitiveCache<>(3);
        List<Counted> made = new ArrayList<>();
        for (long k = 0; k < 3; k++) {
            long id = k;
            made.add(cache.get(new long[] {k, 7}, () -> new Counted(id)));
        }
        // Touching key 0 makes key 1 the least recently used.
        assertThat(cache.get(new long[] {0, 7}, () -> new Counted(-1))).isSameAs(made.get(0));
        Counted fourth = cache.get(new long[] {3, 7}, () -> new Counted(3));
        assertThat(cache.size()).isEqualTo(3);
        assertThat(made.get(1).destroyed).isTrue();
        assertThat(made.get(0).destroyed).isFalse();
        assertThat(made.get(2).destroyed).isFalse();
        assertThat(fourth.destroyed).isFalse();
        assertThat(cache.get(new long[] {1, 7}, () -> new Counted(10)).id).isEqualTo(10);
    }
}
