package dev.lamina.viz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places equally sized boxes of a directed graph in rows, top to bottom (a small layered layout:
 * each node one row below its lowest parent, rows ordered by their parents' positions), and routes
 * the edges: a straight arrow between adjacent rows, a detour through a lane at the right for an
 * edge that skips rows or points upwards, so no arrow crosses a box.
 */
final class GraphLayout {

    /** Top-left corners of the boxes, by node index. */
    final double[] x;
    final double[] y;
    /** Each edge as a polyline, {@code {x0, y0, x1, y1, ...}}, ending at the target's top. */
    final List<double[]> routes = new ArrayList<>();
    final double width;
    final double height;

    /**
     * @param count the number of nodes, in execution order
     * @param edges pairs {@code {from, to}}
     * @param boxW a box's width
     * @param boxH a box's height
     * @param margin the empty border around the drawing
     * @param hGap the space between boxes of one row
     * @param vGap the space between rows, where the arrows run
     */
    GraphLayout(int count, List<int[]> edges, double boxW, double boxH, double margin, double hGap, double vGap) {
        int[] rank = ranks(count, edges);
        int rows = 0;
        for (int r : rank) {
            rows = Math.max(rows, r + 1);
        }
        double[] order = new double[count];
        List<List<Integer>> byRow = new ArrayList<>();
        int widest = 0;
        for (int r = 0; r < rows; r++) {
            List<Integer> row = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                if (rank[n] == r) {
                    order[n] = barycenter(n, edges, order, rank);
                    row.add(n);
                }
            }
            // Sorting by the parents' mean position keeps crossings down; the sort is stable.
            row.sort(Comparator.comparingDouble(n -> order[n]));
            for (int i = 0; i < row.size(); i++) {
                order[row.get(i)] = i - (row.size() - 1) / 2.0;
            }
            byRow.add(row);
            widest = Math.max(widest, row.size());
        }
        double contentW = widest * boxW + Math.max(0, widest - 1) * hGap;
        x = new double[count];
        y = new double[count];
        for (int r = 0; r < rows; r++) {
            List<Integer> row = byRow.get(r);
            double rowW = row.size() * boxW + (row.size() - 1) * hGap;
            for (int i = 0; i < row.size(); i++) {
                x[row.get(i)] = margin + (contentW - rowW) / 2 + i * (boxW + hGap);
                y[row.get(i)] = margin + r * (boxH + vGap);
            }
        }
        double lane = margin + contentW;
        for (int[] e : edges) {
            double sx = x[e[0]] + boxW / 2;
            double sy = y[e[0]] + boxH;
            double tx = x[e[1]] + boxW / 2;
            double ty = y[e[1]];
            if (rank[e[1]] == rank[e[0]] + 1) {
                routes.add(new double[] {sx, sy, tx, ty});
            } else {
                lane += hGap;
                routes.add(new double[] {sx, sy, sx, sy + vGap / 2, lane, sy + vGap / 2, lane, ty - vGap / 2,
                    tx, ty - vGap / 2, tx, ty});
            }
        }
        width = lane + margin;
        height = 2 * margin + rows * boxH + Math.max(0, rows - 1) * vGap;
    }

    /** Longest path from a source; an edge to an earlier node (a cycle through a shared layer) is ignored. */
    private static int[] ranks(int count, List<int[]> edges) {
        int[] rank = new int[count];
        for (int n = 0; n < count; n++) {
            for (int[] e : edges) {
                if (e[1] == n && e[0] < n) {
                    rank[n] = Math.max(rank[n], rank[e[0]] + 1);
                }
            }
        }
        return rank;
    }

    private static double barycenter(int n, List<int[]> edges, double[] order, int[] rank) {
        double sum = 0;
        int k = 0;
        for (int[] e : edges) {
            if (e[1] == n && rank[e[0]] < rank[n]) {
                sum += order[e[0]];
                k++;
            }
        }
        return k == 0 ? 0 : sum / k;
    }
}
