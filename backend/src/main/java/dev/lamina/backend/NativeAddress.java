package dev.lamina.backend;

import org.bytedeco.javacpp.Pointer;

/**
 * A JavaCPP pointer that is only an address, re-aimed without allocating: for native calls made
 * every step with addresses computed in Java (row copies, oneDNN memory handles), where a new
 * pointer object per call would be garbage. Not thread-safe; keep one per caller.
 */
public final class NativeAddress extends Pointer {

    /**
     * Aims this pointer at an address.
     *
     * @param address the native address
     * @return this pointer
     */
    public NativeAddress at(long address) {
        this.address = address;
        return this;
    }
}
