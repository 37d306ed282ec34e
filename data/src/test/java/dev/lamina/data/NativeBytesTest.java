package dev.lamina.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class NativeBytesTest {

    @Test
    void bytesAppendedPastTheFirstCapacityAllArriveInOrder() {
        NativeBytes sink = new NativeBytes(5);
        byte[] block = new byte[4];
        int value = 0;
        for (int b = 0; b < 7; b++) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (value++ * 7);
            }
            sink.append(block, b == 6 ? 2 : 4);
        }
        assertThat(sink.size()).isEqualTo(26);
        INDArray a = sink.toArray(2, 13);
        assertThat(a.dataType()).isEqualTo(DataType.UINT8);
        assertThat(a.shape()).containsExactly(2, 13);
        assertThat(a.length()).isEqualTo(26);
        for (int i = 0; i < 26; i++) {
            assertThat(a.getInt(i / 13, i % 13)).as("byte %d", i).isEqualTo((i * 7) & 0xFF);
        }
    }

    @Test
    void aFullBufferIsHandedOutAsItIs() {
        NativeBytes sink = new NativeBytes(3);
        sink.append(new byte[] {1, 2, 3}, 3);
        INDArray a = sink.toArray(3);
        assertThat(a.data().length()).isEqualTo(3);
        assertThat(a.toIntVector()).containsExactly(1, 2, 3);
    }

    @Test
    void aShapeOfAnotherLengthIsRefused() {
        NativeBytes sink = new NativeBytes(8);
        sink.append(new byte[] {1, 2, 3}, 3);
        assertThatThrownBy(() -> sink.toArray(2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bytes");
    }
}
