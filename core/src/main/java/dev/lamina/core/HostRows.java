package dev.lamina.core;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.NativeAddress;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers rows of a host array by index with one {@code memcpy} each. libnd4j's {@code gather}
 * walked one tensor-along-dimension per row, a measurable share of a small MNIST CNN's training
 * step, and its index vector was a fresh ND4J array per batch.
 */
final class HostRows {

    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    private HostRows() {
    }

    /**
     * Whether {@link #gather} can read this array: host memory, row-major without gaps.
     *
     * @param a the source array
     * @return true when its rows can be copied as bytes
     */
    static boolean canGather(INDArray a) {
        return CPU && ArrayArena.isRowMajor(a);
    }

    /**
     * Copies rows {@code order[start]}, …, {@code order[end - 1]} of {@code a} into {@code out}.
     *
     * @param a the source, {@link #canGather} true
     * @param order row indices
     * @param start first position in {@code order}
     * @param end position after the last
     * @param out a row-major array of {@code end - start} rows shaped like {@code a}'s
     */
    static void gather(INDArray a, int[] order, int start, int end, INDArray out) {
        long width = a.dataType().width();
        long rowBytes = a.length() / a.size(0) * width;
        // A view's buffer reports its allocation's start; offset() counts elements from there.
        long source = a.data().address() + a.offset() * width;
        long target = out.data().address() + out.offset() * width;
        NativeAddress from = new NativeAddress();
        NativeAddress to = new NativeAddress();
        for (int i = start; i < end; i++) {
            Pointer.memcpy(to.at(target + (i - start) * rowBytes), from.at(source + order[i] * rowBytes), rowBytes);
        }
    }
}
