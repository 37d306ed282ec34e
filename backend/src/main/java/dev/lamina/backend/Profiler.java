package dev.lamina.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where training time goes: wall time per native op (keyed by op name and first input shape) and
 * per training phase (forward, backward, optimizer, data). Off unless the JVM runs with
 * {@code -Dlamina.profile=true}; when off, each hook costs one static field read.
 *
 * <p>Native time is measured around each libnd4j call on the calling thread, so it includes the
 * call's marshalling but not the Java work between calls; a phase's time minus the native time
 * within it is Lamina's own overhead.
 */
public final class Profiler {

    /** The phase that spans a whole training step; the report divides by its count. */
    public static final String STEP = "whole step";

    private static final boolean ENABLED = Boolean.getBoolean("lamina.profile");
    private static final Map<String, Entry> OPS = new ConcurrentHashMap<>();
    private static final Map<String, Entry> PHASES = new ConcurrentHashMap<>();

    private Profiler() {
    }

    /**
     * Whether profiling is on for this JVM.
     *
     * @return true with {@code -Dlamina.profile=true}
     */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * Records one native call.
     *
     * @param key the op's name and input shape
     * @param nanos its wall time
     */
    public static void op(String key, long nanos) {
        OPS.computeIfAbsent(key, k -> new Entry()).add(nanos);
    }

    /**
     * Records one pass through a training phase.
     *
     * @param phase the phase's name
     * @param nanos its wall time
     */
    public static void phase(String phase, long nanos) {
        PHASES.computeIfAbsent(phase, k -> new Entry()).add(nanos);
    }

    /** Forgets everything recorded so far, e.g. after a warm-up epoch. */
    public static void reset() {
        OPS.clear();
        PHASES.clear();
    }

    /**
     * A table of phases and of the native ops that took the most time, per training step.
     *
     * @param top how many ops to list
     * @return the report, one line per row
     */
    public static String report(int top) {
        Entry step = PHASES.get(STEP);
        long steps = step == null ? 1 : step.calls.sum();
        StringBuilder b = new StringBuilder();
        double per = Math.max(1, steps) * 1e6;
        b.append(String.format(Locale.ROOT, "profile over %d training steps%n", steps));
        b.append(String.format(Locale.ROOT, "%-44s %10s %12s%n", "phase", "calls/step", "ms/step"));
        for (Map.Entry<String, Entry> e : sorted(PHASES)) {
            b.append(String.format(Locale.ROOT, "%-44s %10.1f %12.3f%n", e.getKey(),
                    e.getValue().calls.sum() / (double) Math.max(1, steps), e.getValue().nanos.sum() / per));
        }
        double nativeTotal = OPS.values().stream().mapToLong(x -> x.nanos.sum()).sum() / per;
        b.append(String.format(Locale.ROOT, "%-44s %10s %12.3f%n", "all native custom ops", "", nativeTotal));
        b.append(String.format(Locale.ROOT, "%-44s %10s %12s%n", "native op [first input shape]", "calls/step", "ms/step"));
        int n = 0;
        for (Map.Entry<String, Entry> e : sorted(OPS)) {
            if (n++ == top) {
                break;
            }
            b.append(String.format(Locale.ROOT, "%-44s %10.1f %12.3f%n", e.getKey(),
                    e.getValue().calls.sum() / (double) Math.max(1, steps), e.getValue().nanos.sum() / per));
        }
        return b.toString();
    }

    private static List<Map.Entry<String, Entry>> sorted(Map<String, Entry> m) {
        List<Map.Entry<String, Entry>> l = new ArrayList<>(m.entrySet());
        l.sort((a, c) -> Long.compare(c.getValue().nanos.sum(), a.getValue().nanos.sum()));
        return l;
    }

    private static final class Entry {
        final LongAdder calls = new LongAdder();
        final LongAdder nanos = new LongAdder();

        void add(long t) {
            calls.increment();
            nanos.add(t);
        }
    }
}
