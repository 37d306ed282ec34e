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
    /**
     * Each thread's two scopes, restoring "off" and "on": a scope only restores a state, so two
     * per thread serve every call (a new one per call was garbage on every training step).
     */
    private static final ThreadLocal<Scope[]> RESTORERS = ThreadLocal.withInitial(() -> {
        boolean[] flag = ENABLED.get();
        return new Scope[] {() -> flag[0] = false, () -> flag[0] = true};
    });

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
        Scope restore = RESTORERS.get()[flag[0] ? 1 : 0];
        flag[0] = false;
        return restore;
    }

    /** A region with a changed grad mode; closing it restores the previous mode. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
