package dev.lamina.backend.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.Backend;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether oneDNN's primitives can be called directly, and the engine and streams they run on.
 *
 * <p>They are used on ND4J's CPU backend for float32 arrays, unless the system property
 * {@value #PROPERTY} is {@code false}; anywhere else the ops keep to libnd4j's own ops. oneDNN
 * shares libnd4j's OpenMP runtime (the same {@code libgomp.so.1}, loaded once), so both use the
 * same threads.
 */
public final class OneDnn {

    /** The system property that turns the direct path off: {@code -Dlamina.onednn=false}. */
    public static final String PROPERTY = "lamina.onednn";

    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);

    private static final dnnl_engine ENGINE = createEngine();

    /** oneDNN streams are not thread-safe; each thread runs its primitives on its own. */
    private static final ThreadLocal<dnnl_stream> STREAMS = ThreadLocal.withInitial(OneDnn::createStream);

    private OneDnn() {
    }

    /**
     * Whether the direct path is on: CPU backend, the library loaded, not turned off.
     *
     * @return true when ops may call oneDNN's primitives
     */
    public static boolean available() {
        return ENGINE != null && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /**
     * Whether these arrays can go through the direct path: it is on and they are all float32.
     *
     * @param arrays the arrays an op would hand to oneDNN
     * @return true when every array is float32 and the path is available
     */
    public static boolean supports(INDArray... arrays) {
        if (!available()) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #supports(INDArray...)} for one array, without an arguments array (a call per op and
     * training step).
     *
     * @param a the array
     * @return true when oneDNN is loaded and the array is float32
     */
    public static boolean supports(INDArray a) {
        return available() && a.dataType() == DataType.FLOAT;
    }

    /**
     * {@link #supports(INDArray...)} for two arrays, without an arguments array.
     *
     * @param a the first array
     * @param b the second array
     * @return true when oneDNN is loaded and both arrays are float32
     */
    public static boolean supports(INDArray a, INDArray b) {
        return supports(a) && b.dataType() == DataType.FLOAT;
    }

    /**
     * {@link #supports(INDArray...)} for three arrays, without an arguments array.
     *
     * @param a the first array
     * @param b the second array
     * @param c the third array
     * @return true when oneDNN is loaded and all three arrays are float32
     */
    public static boolean supports(INDArray a, INDArray b, INDArray c) {
        return supports(a, b) && c.dataType() == DataType.FLOAT;
    }

    static dnnl_engine engine() {
        return ENGINE;
    }

    static dnnl_stream stream() {
        return STREAMS.get();
    }

    /**
     * The address of an array's first element, for an array laid out row-major without gaps
     * ({@link ArrayArena#rowMajor}). ND4J's buffer address is the allocation's start for views
     * too, and {@code offset()} counts from it.
     */
    static long address(INDArray a) {
        if (!ArrayArena.isRowMajor(a)) {
            throw new IllegalArgumentException("oneDNN needs a row-major array without gaps, got shape "
                    + java.util.Arrays.toString(a.shape()) + " strides " + java.util.Arrays.toString(a.stride()));
        }
        return a.data().address() + a.offset() * a.dataType().width();
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN failed: " + what + " (status " + status + ")");
        }
    }

    /**
     * A configuration's primitives, or an error naming the configuration and the way around it.
     *
     * @param what the op and its shapes, for the message
     * @param create builds the primitives
     * @return what {@code create} returns
     */
    static <T> T configure(String what, java.util.function.Supplier<T> create) {
        try {
            return create.get();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(what + ": " + e.getMessage() + "; -D" + PROPERTY
                    + "=false runs libnd4j's ops instead", e);
        }
    }

    /** A float32 memory descriptor with logical dimensions {@code dims} in layout {@code tag}. */
    static dnnl_memory_desc_t desc(int tag, long... dims) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory descriptor "
                + java.util.Arrays.toString(dims));
        return md;
    }

    private static dnnl_engine createEngine() {
        try {
            if (!"CPU".equals(Backend.name())) {
                return null;
            }
            dnnl_engine engine = new dnnl_engine();
            check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine creation");
            return engine;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("oneDNN's primitives could not be loaded ({}); libnd4j's ops run instead",
                    e.toString());
            return null;
        }
    }

    private static dnnl_stream createStream() {
        dnnl_stream stream = new dnnl_stream();
        check(dnnl_stream_create(stream, ENGINE, dnnl_stream_default_flags), "stream creation");
        return stream;
    }
}
