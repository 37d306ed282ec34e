package dev.lamina.layers;

import java.util.Arrays;

/**
 * A cap on the weight values that layers built on this thread may create, checked in
 * {@link Layer#addWeight} before each weight is allocated. Loading a model opens one sized to the
 * weights the file actually carries, so that a config asking for a huge layer fails before the
 * layer's memory is allocated rather than after.
 *
 * <pre>{@code
 * try (WeightBudget budget = WeightBudget.open(declared, "the file's weight list declares")) {
 *     ... build layers ...
 * }
 * }</pre>
 */
public final class WeightBudget implements AutoCloseable {

    private static final ThreadLocal<WeightBudget> CURRENT = new ThreadLocal<>();

    private final long limit;
    private final String source;
    private final WeightBudget previous;
    private long used;

    private WeightBudget(long limit, String source, WeightBudget previous) {
        this.limit = limit;
        this.source = source;
        this.previous = previous;
    }

    /**
     * Opens a budget for this thread until {@link #close}; budgets nest, the innermost applies.
     *
     * @param elements the most weight values the layers built meanwhile may create together
     * @param source where the cap comes from, for messages (e.g. "the file's weight list declares")
     * @return the budget
     * @throws IllegalArgumentException when {@code elements} is negative
     */
    public static WeightBudget open(long elements, String source) {
        if (elements < 0) {
            throw new IllegalArgumentException("A weight budget cannot be negative. Received: " + elements);
        }
        WeightBudget b = new WeightBudget(elements, source, CURRENT.get());
        CURRENT.set(b);
        return b;
    }

    /** @return the weight values created under this budget so far */
    public long used() {
        return used;
    }

    /** Charges a weight to the current budget, if any, before it is allocated. */
    static void charge(Layer layer, String weightName, long[] shape) {
        WeightBudget b = CURRENT.get();
        if (b == null) {
            return;
        }
        long n = 1;
        for (long d : shape) {
            n = d < 0 || (d != 0 && n > Long.MAX_VALUE / d) ? Long.MAX_VALUE : n * d;
        }
        if (n > b.limit - b.used) {
            throw new IllegalStateException("layer \"" + layer.name() + "\" would create weight \"" + weightName
                    + "\" of shape " + Arrays.toString(shape) + ", which makes more weight values ("
                    + (n == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : String.valueOf(b.used + n)) + ") than "
                    + b.source + " (" + b.limit + ")");
        }
        b.used += n;
    }

    /** Ends the budget; the one it was opened inside applies again. */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
