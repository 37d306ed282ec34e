package dev.lamina.models;

import dev.lamina.backend.Profiler;

/**
 * Splits a training step into the profiler's phases (data, forward and loss, backward, optimizer)
 * when profiling is on; does nothing otherwise.
 */
final class PhaseTimer {

    private final boolean enabled = Profiler.enabled();
    private long last;

    /** Starts timing the next phase. */
    void start() {
        if (enabled) {
            last = System.nanoTime();
        }
    }

    /** Records the time since the last mark as one pass through {@code phase}, and starts the next. */
    void lap(String phase) {
        if (enabled) {
            long now = System.nanoTime();
            Profiler.phase(phase, now - last);
            last = now;
        }
    }
}
