package dev.lamina.backend.onednn;

import static dev.lamina.backend.onednn.OneDnn.check;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_set_data_handle;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_impl_info_str;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import dev.lamina.backend.NativeAddress;
import dev.lamina.backend.Profiler;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One oneDNN primitive with its argument list built once: a memory object per argument, whose data
 * handle is pointed at the caller's buffers on each run. Not thread-safe (the memory objects are
 * shared state): each thread keeps its own.
 */
final class Primitive {

    private final String name;
    private final dnnl_primitive primitive = new dnnl_primitive();
    private final dnnl_memory[] memories;
    private final dnnl_exec_arg_t args;
    private final NativeAddress handle = new NativeAddress();
    private final dnnl_primitive_desc descriptor;
    /** The descriptors the memory objects were made from: native structs freed when collected. */
    @SuppressWarnings("unused")
    private final dnnl_memory_desc_t[] descs;

    /**
     * @param name what the profiler and errors call it
     * @param pd the primitive's descriptor
     * @param kinds the argument kinds ({@code DNNL_ARG_SRC}, ...) in the order {@link #run} takes addresses
     * @param descs the memory descriptor of each argument
     */
    Primitive(String name, dnnl_primitive_desc pd, int[] kinds, dnnl_memory_desc_t[] descs) {
        this.name = "onednn " + name + " " + implementation(pd);
        check(dnnl_primitive_create(primitive, pd), name + " primitive creation");
        this.memories = new dnnl_memory[kinds.length];
        this.args = new dnnl_exec_arg_t(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            memories[i] = new dnnl_memory();
            check(dnnl_memory_create(memories[i], descs[i], OneDnn.engine(), null), name + " memory creation");
            args.getPointer(i).arg(kinds[i]).memory(memories[i]);
        }
        this.descriptor = pd;
        this.descs = descs;
    }

    /** oneDNN's name for the implementation it chose, e.g. {@code jit:avx512_core}, for profiles. */
    private static String implementation(dnnl_primitive_desc pd) {
        PointerPointer<BytePointer> info = new PointerPointer<>(1);
        int status = dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, info);
        return status == dnnl_success ? "(" + info.getString(0) + ")" : "";
    }

    /** A reorder from one layout of the same tensor to another. */
    static Primitive reorder(String name, dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(pd, from, OneDnn.engine(), to, OneDnn.engine(), null),
                name + " descriptor");
        return new Primitive(name, pd, new int[] {org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM,
            org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO}, new dnnl_memory_desc_t[] {from, to});
    }

    /**
     * Runs the primitive on the buffers at these addresses, one per argument in the constructor's
     * order (the first element's address of each), and waits for it. One method per arity, so
     * that no array is allocated: these run dozens of times a training step.
     *
     * @param a the first argument's address
     * @param b the second argument's address
     */
    void run(long a, long b) {
        long start = Profiler.enabled() ? System.nanoTime() : 0;
        execute(aim(1, b, aim(0, a, dnnl_success)), start);
    }

    /** {@link #run(long, long)} for three arguments. */
    void run(long a, long b, long c) {
        long start = Profiler.enabled() ? System.nanoTime() : 0;
        execute(aim(2, c, aim(1, b, aim(0, a, dnnl_success))), start);
    }

    /** {@link #run(long, long)} for four arguments. */
    void run(long a, long b, long c, long d) {
        long start = Profiler.enabled() ? System.nanoTime() : 0;
        execute(aim(3, d, aim(2, c, aim(1, b, aim(0, a, dnnl_success)))), start);
    }

    /** Points memory object {@code i} at {@code address} unless an earlier call failed. */
    private int aim(int i, long address, int status) {
        return status == dnnl_success ? dnnl_memory_set_data_handle(memories[i], handle.at(address)) : status;
    }

    private void execute(int aimed, long start) {
        // Statuses are checked without building messages: this runs dozens of times a step.
        int status = aimed;
        if (status == dnnl_success) {
            status = dnnl_primitive_execute(primitive, OneDnn.stream(), memories.length, args);
        }
        if (status == dnnl_success) {
            status = dnnl_stream_wait(OneDnn.stream());
        }
        check(status, name);
        if (Profiler.enabled()) {
            Profiler.op(name, System.nanoTime() - start);
        }
    }

    /** Destroys the primitive, its descriptor and its memory objects (not the buffers they point at). */
    void destroy() {
        for (dnnl_memory m : memories) {
            dnnl_memory_destroy(m);
        }
        dnnl_primitive_destroy(primitive);
        dnnl_primitive_desc_destroy(descriptor);
    }
}
