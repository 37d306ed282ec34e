package dev.lamina.benchmarks;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One call site of a libnd4j custom op with everything bound once: its own op instance and its own
 * op context holding the (preallocated) inputs, outputs and arguments. Executing it only crosses
 * into native code: the fastest way ND4J M2.1 offers to run an op repeatedly.
 */
final class DirectCall implements AutoCloseable {

    private final String name;
    private final DynamicCustomOp op;
    private final OpContext ctx;

    /**
     * Binds a call.
     *
     * @param name the op's libnd4j name
     * @param inputs the inputs, in libnd4j's order
     * @param outputs the preallocated outputs, in libnd4j's order
     * @param iargs every integer argument
     * @param targs every floating-point argument
     */
    DirectCall(String name, INDArray[] inputs, INDArray[] outputs, long[] iargs, double[] targs) {
        this.name = name;
        this.op = DynamicCustomOp.builder(name).build();
        this.ctx = Nd4j.getExecutioner().buildContext();
        ctx.setInputArrays(inputs);
        ctx.setOutputArrays(outputs);
        ctx.setIArguments(iargs);
        ctx.setTArguments(targs);
    }

    /** Runs the op once. */
    void exec() {
        Nd4j.exec(op, ctx);
    }

    /**
     * The op's name.
     *
     * @return the libnd4j name
     */
    String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            ctx.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the op context of " + name, e);
        }
    }
}
