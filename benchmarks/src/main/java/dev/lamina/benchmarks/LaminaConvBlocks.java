package dev.lamina.benchmarks;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.core.ops.Conv2dOp;
import dev.lamina.core.ops.MaxPool2dOp;
import dev.lamina.core.ops.Ops;
import dev.lamina.core.ops.Padding;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Variant "lamina": the two conv blocks through Lamina's tape. Kernels and biases are variables,
 * the input a constant (or, with {@code xGrad}, a variable too, which makes the first layer's
 * backward pass take libnd4j's {@code conv2d_bp}); every step runs inside one reused
 * {@link ArrayArena}, so from the second step on the ops' outputs and gradients reuse the previous
 * step's arrays.
 */
final class LaminaConvBlocks {

    private static final int[] ONE = {1, 1};
    private static final int[] TWO = {2, 2};

    private final Tensor x;
    private final Tensor kernel1;
    private final Tensor bias1;
    private final Tensor kernel2;
    private final Tensor bias2;
    private final INDArray dy;
    private final ArrayArena arena = new ArrayArena();
    private INDArray lastOutput;

    LaminaConvBlocks(ConvBlockData d, boolean xGrad) {
        x = xGrad ? Tensor.variable(d.x) : Tensor.constant(d.x);
        kernel1 = Tensor.variable(d.kernel1);
        bias1 = Tensor.variable(d.bias1);
        kernel2 = Tensor.variable(d.kernel2);
        bias2 = Tensor.variable(d.bias2);
        dy = d.dy;
    }

    /** One forward + backward step, gradients zeroed first. */
    void step() {
        x.zeroGrad();
        kernel1.zeroGrad();
        bias1.zeroGrad();
        kernel2.zeroGrad();
        bias2.zeroGrad();
        try (var s = arena.step()) {
            Tensor h = Ops.relu(Conv2dOp.apply(x, kernel1, bias1, ONE, Padding.VALID));
            h = MaxPool2dOp.apply(h, TWO, TWO, Padding.VALID);
            h = Ops.relu(Conv2dOp.apply(h, kernel2, bias2, ONE, Padding.VALID));
            Tensor y = MaxPool2dOp.apply(h, TWO, TWO, Padding.VALID);
            y.backward(dy);
            lastOutput = y.value();
        }
    }

    /**
     * The same step with its phases timed, adding nanoseconds into {@code acc}: [0] zeroGrad,
     * [1] conv1, [2] relu1, [3] pool1, [4] conv2, [5] relu2, [6] pool2, [7] backward (whole tape
     * walk, including leaf-gradient accumulation).
     *
     * @param acc at least 8 accumulators
     */
    void stepTimed(long[] acc) {
        long t0 = System.nanoTime();
        x.zeroGrad();
        kernel1.zeroGrad();
        bias1.zeroGrad();
        kernel2.zeroGrad();
        bias2.zeroGrad();
        long t1 = System.nanoTime();
        acc[0] += t1 - t0;
        try (var s = arena.step()) {
            Tensor c1 = Conv2dOp.apply(x, kernel1, bias1, ONE, Padding.VALID);
            long t2 = System.nanoTime();
            Tensor r1 = Ops.relu(c1);
            long t3 = System.nanoTime();
            Tensor p1 = MaxPool2dOp.apply(r1, TWO, TWO, Padding.VALID);
            long t4 = System.nanoTime();
            Tensor c2 = Conv2dOp.apply(p1, kernel2, bias2, ONE, Padding.VALID);
            long t5 = System.nanoTime();
            Tensor r2 = Ops.relu(c2);
            long t6 = System.nanoTime();
            Tensor y = MaxPool2dOp.apply(r2, TWO, TWO, Padding.VALID);
            long t7 = System.nanoTime();
            y.backward(dy);
            long t8 = System.nanoTime();
            lastOutput = y.value();
            acc[1] += t2 - t1;
            acc[2] += t3 - t2;
            acc[3] += t4 - t3;
            acc[4] += t5 - t4;
            acc[5] += t6 - t5;
            acc[6] += t7 - t6;
            acc[7] += t8 - t7;
        }
    }

    /** The last step's output (an arena array: valid until the next step). */
    INDArray output() {
        return lastOutput;
    }

    INDArray inputGrad() {
        return x.grad();
    }

    INDArray kernel1Grad() {
        return kernel1.grad();
    }

    INDArray bias1Grad() {
        return bias1.grad();
    }

    INDArray kernel2Grad() {
        return kernel2.grad();
    }

    INDArray bias2Grad() {
        return bias2.grad();
    }

    /** Number of arrays the arena holds (constant once every step reuses its arrays). */
    int arenaSize() {
        return arena.size();
    }
}
