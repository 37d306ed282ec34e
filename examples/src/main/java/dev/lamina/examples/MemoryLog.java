package dev.lamina.examples;

import dev.lamina.callbacks.Callback;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;

/**
 * Prints, after each epoch, where the process' memory lives: the resident set and its peak, the
 * Java heap (committed and used) and the native memory that JavaCPP tracks (ND4J's buffers), so
 * that a resident set that grows from epoch to epoch can be attributed. One line an epoch:
 * {@code memory after epoch N: rss R MB (peak P MB), heap C MB committed, U MB used, native T MB}.
 */
public final class MemoryLog extends Callback {

    private final PrintStream out;

    /**
     * A log that prints to {@code out}.
     *
     * @param out where the lines go
     */
    public MemoryLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        out.println(line("after epoch " + (epoch + 1)));
    }

    /**
     * The memory line for a moment of the run.
     *
     * @param when what the line follows, such as {@code after epoch 3}
     * @return the line
     */
    public static String line(String when) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return String.format(Locale.ROOT, "memory %s: rss %d MB (peak %d MB), heap %d MB committed, %d MB used,"
                + " native %d MB", when, statusKb("VmRSS:") >> 10, statusKb("VmHWM:") >> 10,
                heap.getCommitted() >> 20, heap.getUsed() >> 20, Pointer.totalBytes() >> 20);
    }

    /** A field of {@code /proc/self/status} in kB, or -1 where there is none (not Linux). */
    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no such file: not Linux
        }
        return -1;
    }
}
