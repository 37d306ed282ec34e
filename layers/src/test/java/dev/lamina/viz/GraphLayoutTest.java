package dev.lamina.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The layered layout on graphs the functional API will produce once layers take several inputs. */
class GraphLayoutTest {

    private static final double W = 100;
    private static final double H = 40;

    /* A diamond 0 -> {1, 2} -> 3 plus a skip edge 0 -> 3 (a residual connection). */
    @Test
    void branchesShareARowAndSkipEdgesGoRoundTheBoxes() {
        List<int[]> edges = List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 3},
            new int[] {0, 3});
        GraphLayout l = new GraphLayout(4, edges, W, H, 10, 20, 30);
        // Rows by longest path: 0 | 1 2 | 3.
        assertThat(l.y[1]).isEqualTo(l.y[2]).isGreaterThan(l.y[0]);
        assertThat(l.y[3]).isGreaterThan(l.y[1]);
        assertThat(Math.abs(l.x[1] - l.x[2])).isGreaterThanOrEqualTo(W + 20);
        // Single boxes are centred over the row pair.
        assertThat(l.x[0]).isEqualTo(l.x[3]).isEqualTo((l.x[1] + l.x[2]) / 2);
        // Adjacent rows: straight arrows from bottom centre to top centre.
        assertThat(l.routes.get(0)).containsExactly(l.x[0] + W / 2, l.y[0] + H, l.x[1] + W / 2, l.y[1]);
        // The skip edge runs in a lane right of every box and ends on the target's top centre.
        double[] skip = l.routes.get(4);
        assertThat(skip).hasSize(12);
        double rightmost = Math.max(l.x[1], l.x[2]) + W;
        assertThat(skip[4]).isGreaterThan(rightmost);
        assertThat(skip[10]).isEqualTo(l.x[3] + W / 2);
        assertThat(skip[11]).isEqualTo(l.y[3]);
        assertThat(l.width).isGreaterThan(skip[4]);
        assertThat(l.height).isEqualTo(10 + 3 * H + 2 * 30 + 10);
    }

    @Test
    void aChainIsOneColumn() {
        GraphLayout l = new GraphLayout(3, List.of(new int[] {0, 1}, new int[] {1, 2}), W, H, 10, 20, 30);
        assertThat(l.x).containsOnly(10.0);
        assertThat(l.y).containsExactly(10.0, 80.0, 150.0);
        assertThat(l.width).isEqualTo(W + 20);
    }

    @Test
    void anEdgeBackUpwardsIsRoutedThroughTheLaneToo() {
        GraphLayout l = new GraphLayout(2, List.of(new int[] {0, 1}, new int[] {1, 0}), W, H, 10, 20, 30);
        assertThat(l.y[1]).isGreaterThan(l.y[0]);
        assertThat(l.routes.get(1)).hasSize(12);
    }
}
