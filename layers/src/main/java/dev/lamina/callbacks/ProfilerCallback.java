package dev.lamina.callbacks;

import dev.lamina.backend.Profiler;
import java.util.Map;

/**
 * Times every training step, from the start of its batch to its end, into the {@link Profiler}'s
 * report as {@link Profiler#STEP}, the row the report divides every other figure by. {@code fit}
 * adds one first in its callback list when profiling is on ({@code -Dlamina.profile=true}); print
 * the table with {@code Profiler.report(n)}.
 */
public final class ProfilerCallback extends Callback {

    private long start;

    /** A callback that times training steps. */
    public ProfilerCallback() {
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        start = System.nanoTime();
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Profiler.phase(Profiler.STEP, System.nanoTime() - start);
    }
}
