package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarTest {

    private static Map<String, String> entries(byte[] tar) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Tar.read(new ByteArrayInputStream(tar), "t.tar",
                (path, size, content) -> out.put(path, new String(content.readAllBytes(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void readsUstarEntries() throws IOException {
        byte[] big = new byte[1500];
        Arrays.fill(big, (byte) 'x');
        byte[] tar = TestFiles.tar("d/a.txt", "hello".getBytes(StandardCharsets.UTF_8), "d/big.bin", big,
                "d/empty", new byte[0]);
        Map<String, String> e = entries(tar);
        assertThat(e).containsOnlyKeys("d/a.txt", "d/big.bin", "d/empty");
        assertThat(e.get("d/a.txt")).isEqualTo("hello");
        assertThat(e.get("d/big.bin")).hasSize(1500);
    }

    @Test
    void corruptHeaderAndTruncatedEntry() throws IOException {
        byte[] tar = TestFiles.tar("a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        byte[] bad = tar.clone();
        bad[3] = 'Z';
        assertThatThrownBy(() -> entries(bad)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("t.tar").hasMessageContaining("checksum");
        byte[] big = TestFiles.tar("b.bin", new byte[2000]);
        assertThatThrownBy(() -> entries(Arrays.copyOf(big, 1024))).hasMessageContaining("truncated");
    }
}
