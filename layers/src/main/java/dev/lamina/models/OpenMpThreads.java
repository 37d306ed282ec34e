package dev.lamina.models;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Shares the cores between threads that predict at once. oneDNN runs each primitive on as many
 * OpenMP threads as the calling thread's OpenMP setting allows, which by default is every core:
 * two Java threads predicting together then ran four OpenMP threads on two cores, and at batch 32
 * the two reached less than 1.5 times one thread's images a second, where one OpenMP thread each
 * reaches nearly twice. Each predicting thread sets its own OpenMP thread count (an OpenMP setting
 * is per thread) to the process' count (OMP_NUM_THREADS, else every core) divided by the threads
 * predicting at that moment, read when its batch begins; a thread predicting alone gets the whole
 * count back. Does nothing where the OpenMP runtime ND4J loaded cannot be reached (not Linux, or
 * no {@code libgomp} in the process).
 */
final class OpenMpThreads {

    private static final AtomicInteger PREDICTING = new AtomicInteger();
    private static final NativeLibrary OPENMP = openMp();
    private static final Function SET_NUM_THREADS = function("omp_set_num_threads");
    private static final Function GET_MAX_THREADS = function("omp_get_max_threads");
    /** The process' OpenMP thread count before any change (OMP_NUM_THREADS, else every core). */
    private static final int DEFAULT = defaultThreads();
    /** The count this thread last set, so that an unchanged one costs no native call. */
    private static final ThreadLocal<int[]> SET = ThreadLocal.withInitial(() -> new int[] {0});

    private OpenMpThreads() {
    }

    /**
     * Counts the calling thread as predicting until the scope closes, and gives it its share of
     * the cores for the batch it begins.
     *
     * @return the scope; closing it stops counting the thread
     */
    static Scope predicting() {
        int threads = PREDICTING.incrementAndGet();
        setForThisThread(Math.max(1, DEFAULT / threads));
        return PREDICTING::decrementAndGet;
    }

    /** @return the calling thread's OpenMP thread count, or 0 when the runtime cannot be reached */
    static int ofThisThread() {
        return GET_MAX_THREADS == null ? 0 : GET_MAX_THREADS.invokeInt(new Object[0]);
    }

    /** @return the process' OpenMP thread count before any change */
    static int processDefault() {
        return DEFAULT;
    }

    private static void setForThisThread(int n) {
        int[] current = SET.get();
        if (SET_NUM_THREADS == null || current[0] == n) {
            return;
        }
        try {
            SET_NUM_THREADS.invokeVoid(new Object[] {n});
            current[0] = n;
        } catch (RuntimeException | LinkageError e) {
            current[0] = n;
        }
    }

    /** The OpenMP runtime already loaded into the process, or null. */
    private static NativeLibrary openMp() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            String library = maps.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.startsWith("/") && Path.of(p).getFileName().toString().startsWith("libgomp"))
                    .findFirst().orElse(null);
            return library == null ? null : NativeLibrary.getInstance(library);
        } catch (IOException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Function function(String name) {
        try {
            return OPENMP == null ? null : OPENMP.getFunction(name);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static int defaultThreads() {
        try {
            return GET_MAX_THREADS == null ? 1 : Math.max(1, GET_MAX_THREADS.invokeInt(new Object[0]));
        } catch (RuntimeException | LinkageError e) {
            return 1;
        }
    }

    /** The span of one thread's prediction; closing it throws nothing. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
