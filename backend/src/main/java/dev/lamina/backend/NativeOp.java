package dev.lamina.backend;

import dev.lamina.backend.Profiler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One libnd4j custom op, called with preallocated outputs through an op context that each thread
 * reuses from call to call (a reused context costs less per call than a new op, and far less than
 * an op that allocates its outputs).
 *
 * <p>Every integer argument must be passed explicitly: several ops read defaults that changed
 * between libnd4j versions, and pooling silently treats NHWC as NCHW when the format is left out.
 */
public final class NativeOp {

    private final String name;
    private final ThreadLocal<Context> contexts;

    /**
     * A handle on the libnd4j op with this name.
     *
     * @param name the op's name in libnd4j, e.g. {@code "conv2d"}
     */
    public NativeOp(String name) {
        this.name = name;
        this.contexts = ThreadLocal.withInitial(() -> new Context(name));
    }

    /**
     * The op's libnd4j name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Runs the op.
     *
     * @param inputs the input arrays, in libnd4j's order
     * @param outputs the preallocated outputs, in libnd4j's order
     * @param iargs every integer argument
     * @param targs every floating-point argument
     * @throws NativeOpException when libnd4j reports a failure, with its message and the arrays
     */
    public void exec(INDArray[] inputs, INDArray[] outputs, long[] iargs, double[] targs) {
        exec(contexts.get(), inputs, outputs, iargs, targs);
    }

    /**
     * Runs the op on one input into one output, without allocating argument arrays (the
     * element-wise and reduction ops run dozens of times a training step).
     *
     * @param input the input
     * @param output the preallocated output
     * @param iargs every integer argument
     * @param targs every floating-point argument
     */
    public void exec(INDArray input, INDArray output, long[] iargs, double[] targs) {
        Context c = contexts.get();
        c.inputs[1][0] = input;
        execInto(c, c.inputs[1], output, iargs, targs);
    }

    /**
     * Runs the op on two inputs into one output, without allocating argument arrays.
     *
     * @param first the first input
     * @param second the second input
     * @param output the preallocated output
     * @param iargs every integer argument
     * @param targs every floating-point argument
     */
    public void exec(INDArray first, INDArray second, INDArray output, long[] iargs, double[] targs) {
        Context c = contexts.get();
        c.inputs[2][0] = first;
        c.inputs[2][1] = second;
        execInto(c, c.inputs[2], output, iargs, targs);
    }

    /**
     * Runs the op on three inputs into one output, without allocating argument arrays.
     *
     * @param first the first input
     * @param second the second input
     * @param third the third input
     * @param output the preallocated output
     * @param iargs every integer argument
     * @param targs every floating-point argument
     */
    public void exec(INDArray first, INDArray second, INDArray third, INDArray output, long[] iargs,
            double[] targs) {
        Context c = contexts.get();
        c.inputs[3][0] = first;
        c.inputs[3][1] = second;
        c.inputs[3][2] = third;
        execInto(c, c.inputs[3], output, iargs, targs);
    }

    /** Runs with the context's reusable argument arrays, emptied afterwards so they hold no array alive. */
    private void execInto(Context c, INDArray[] inputs, INDArray output, long[] iargs, double[] targs) {
        c.output[0] = output;
        try {
            exec(c, inputs, c.output, iargs, targs);
        } finally {
            java.util.Arrays.fill(inputs, null);
            c.output[0] = null;
        }
    }

    private void exec(Context c, INDArray[] inputs, INDArray[] outputs, long[] iargs, double[] targs) {
        long start = Profiler.enabled() ? System.nanoTime() : 0;
        // Setting arguments allocates native memory on every call: skip it when they are unchanged.
        if (!java.util.Arrays.equals(c.lastIargs, iargs)) {
            c.ctx.setIArguments(iargs);
            c.lastIargs = iargs.clone();
        }
        if (!java.util.Arrays.equals(c.lastTargs, targs)) {
            c.ctx.setTArguments(targs);
            c.lastTargs = targs.clone();
        }
        if (DirectContext.available()) {
            DirectContext.exec(name, c.hash, c.ctx, inputs, outputs);
        } else {
            execThroughNd4j(c, inputs, outputs);
        }
        if (Profiler.enabled()) {
            Profiler.op(name + " " + java.util.Arrays.toString(inputs[0].shape()), System.nanoTime() - start);
        }
    }

    private void execThroughNd4j(Context c, INDArray[] inputs, INDArray[] outputs) {
        c.ctx.setInputArrays(inputs);
        c.ctx.setOutputArrays(outputs);
        try {
            Nd4j.exec(c.op, c.ctx);
        } catch (RuntimeException e) {
            // ND4J's own message is "Op [name] execution failed"; libnd4j's is on its cause.
            throw new NativeOpException(name, -1, innermostMessage(e), inputs, outputs, e);
        } finally {
            // libnd4j's context keeps a handle on every array ever set on it, holding each
            // buffer alive until the context is purged: without this, a reused context leaked
            // every fresh output (a whole conv activation a call; predict in a loop grew resident
            // memory with every call). Purging drops the arrays and keeps the arguments.
            c.ctx.purge();
        }
    }

    private static String innermostMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /**
     * A thread's reusable op and context, and the arguments last set on it. The op object is per
     * thread too: executing it through a context records state on it.
     */
    private static final class Context {
        final DynamicCustomOp op;
        final OpContext ctx = Nd4j.getExecutioner().buildContext();

        final long hash;
        /** Reusable input arrays by arity (index 1 to 3), and the one-output array. */
        final INDArray[][] inputs = {null, new INDArray[1], new INDArray[2], new INDArray[3]};
        final INDArray[] output = new INDArray[1];

        Context(String name) {
            this.op = DynamicCustomOp.builder(name).build();
            this.hash = op.opHash();
        }

        long[] lastIargs;
        double[] lastTargs;
    }

    /** No integer arguments. */
    public static final long[] NO_IARGS = new long[0];
    /** No floating-point arguments. */
    public static final double[] NO_TARGS = new double[0];
}
