package dev.lamina.core;

/**
 * Whether operations record themselves for backpropagation on this thread.
 *
 * <pre>{@code
 * try (GradMode.Scope s = GradMode.disabled()) {
 *     Tensor y = model(x);   // nothing is recorded
 * }
 * }</pre>
 */
public final class GradMode {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /**
     * Whether recording is on for the calling thread.
     *
     * @return true unless inside a {@link #disabled()} scope
     */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * Turns recording off until the returned scope is closed (inference, metrics, optimizer steps).
     *
     * @return the scope that restores the previous state when closed
     */
    public static Scope disabled() {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = false;
        return () -> flag[0] = previous;
    }

    /** A region with a changed grad mode; closing it restores the previous mode. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
