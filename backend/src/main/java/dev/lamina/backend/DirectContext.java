package dev.lamina.backend;

import dev.lamina.backend.RecentByIdentity;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;
import org.nd4j.nativeblas.OpaqueDataBuffer;

/**
 * Hands arrays to a libnd4j op context and runs the op with the native calls that ND4J's
 * {@code CpuOpContext} and {@code Nd4j.exec} make, without their Java bookkeeping.
 *
 * <p>That bookkeeping was a large share of a training step's Java garbage (two wrapper pointers
 * and a map entry per array set, the executioner's profiling hook and its copy of the output list
 * per call). Garbage is what grows the JVM's resident memory from epoch to epoch: the collector
 * sizes its young generation by how fast it fills. Here an array costs no allocation when the same
 * array (an arena's) was seen recently on this thread: the address of its shape information is
 * cached.
 *
 * <p>CPU backend only ({@link #available()}); elsewhere {@link NativeOp} keeps ND4J's path.
 */
final class DirectContext {

    /** The CPU backend's data buffer class, whose native handle the context needs. */
    private static final MethodHandle OPAQUE = opaqueAccessor("org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer");

    /**
     * Shape-information addresses cached per thread. A shape buffer's address never changes, and
     * the cache holds the buffer itself, so an entry cannot outlive what it points to.
     */
    private static final int CACHE_SIZE = 512;

    private static final ThreadLocal<RecentByIdentity<DataBuffer, Pointer>> SHAPES = ThreadLocal.withInitial(
            () -> new RecentByIdentity<>(CACHE_SIZE, DataBuffer::addressPointer));

    private DirectContext() {
    }

    /**
     * Whether this backend allows the direct path.
     *
     * @return true on ND4J's CPU backend
     */
    static boolean available() {
        return OPAQUE != null;
    }

    /**
     * Sets the arrays on a context and runs the op.
     *
     * @param name the op's name, for errors
     * @param opHash the op's libnd4j hash
     * @param context the context, arguments already set
     * @param inputs the inputs
     * @param outputs the preallocated outputs
     */
    static void exec(String name, long opHash, OpContext context, INDArray[] inputs, INDArray[] outputs) {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Pointer raw = context.contextPointer();
        OpaqueContext ctx = raw instanceof OpaqueContext ? (OpaqueContext) raw : new OpaqueContext(raw);
        RecentByIdentity<DataBuffer, Pointer> shapes = SHAPES.get();
        try {
            for (int i = 0; i < inputs.length; i++) {
                INDArray a = inputs[i];
                ops.setGraphContextInputBuffer(ctx, i, opaque(a), shapes.get(a.shapeInfoDataBuffer()), null);
            }
            for (int i = 0; i < outputs.length; i++) {
                INDArray a = outputs[i];
                ops.setGraphContextOutputBuffer(ctx, i, opaque(a), shapes.get(a.shapeInfoDataBuffer()), null);
            }
            int status = ops.execCustomOp2(null, opHash, ctx);
            if (status != 0) {
                throw new NativeOpException(name, status, freshErrorMessage(ops), inputs, outputs, null);
            }
        } finally {
            // The context holds a handle on every array set on it until purged (it kept whole
            // activations alive before): drop them, keep the arguments.
            ops.ctxPurge(ctx);
        }
    }

    /**
     * libnd4j's message for the failure just seen, or null. libnd4j keeps its last message until the
     * next one: an op that fails by status without setting one (a failed argument check) would
     * otherwise report an earlier failure's message. The error code tells them apart: it is set with
     * each message and cleared when the message is read.
     */
    static String freshErrorMessage(NativeOps ops) {
        return ops.lastErrorCode() != 0 ? ops.lastErrorMessage() : null;
    }

    private static OpaqueDataBuffer opaque(INDArray a) {
        if (a.isEmpty()) {
            return null;
        }
        try {
            return (OpaqueDataBuffer) OPAQUE.invokeExact(a.data());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot read the native buffer of an array", e);
        }
    }

    private static MethodHandle opaqueAccessor(String className) {
        try {
            Class<?> type = Class.forName(className);
            return MethodHandles.publicLookup()
                    .findVirtual(type, "getOpaqueDataBuffer", MethodType.methodType(OpaqueDataBuffer.class))
                    .asType(MethodType.methodType(OpaqueDataBuffer.class, DataBuffer.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
