package dev.lamina.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The process' resident set size, current and peak, from {@code /proc/self/status} (Linux; 0 elsewhere). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** @return the current resident set size in MB ({@code VmRSS}), or 0 when unknown */
    static long rssMb() {
        return statusKb("VmRSS:") / 1024;
    }

    /** @return the peak resident set size in MB ({@code VmHWM}), or 0 when unknown */
    static long peakRssMb() {
        return statusKb("VmHWM:") / 1024;
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(Arrays.stream(line.split("\\s+")).skip(1).findFirst().orElse("0"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
