package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

class MallocTrimTest {

    @Test
    void memoryFreedToTheAllocatorGoesBackToTheSystem() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux only");
        // Blocks below glibc's mmap threshold stay in its arenas once freed; every other block is
        // freed so that no block can be handed back by shrinking the arena's top alone.
        Pointer[] blocks = new Pointer[2_000];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Pointer.malloc(64 * 1024);
            Pointer.memset(blocks[i], 1, 64 * 1024);
        }
        for (int i = 0; i < blocks.length; i += 2) {
            Pointer.free(blocks[i]);
        }
        long before = rssKb();
        assertThat(MallocTrim.trim()).isTrue();
        long after = rssKb();
        for (int i = 1; i < blocks.length; i += 2) {
            Pointer.free(blocks[i]);
        }
        // 64 MB freed in 64 KB blocks: the whole free pages between the live blocks go back.
        assertThat(before - after).as("kB returned (%d -> %d)", before, after).isGreaterThan(40_000);
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
