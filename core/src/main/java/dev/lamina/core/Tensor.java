package dev.lamina.core;

import dev.lamina.backend.ArrayArena;
import dev.lamina.backend.InPlace;
import dev.lamina.backend.NativeMemory;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An n-dimensional array that can take part in reverse-mode automatic differentiation.
 *
 * <p>A tensor wraps an ND4J {@link INDArray}. When an operation's input requires gradients (and
 * {@link GradMode} is on), the result remembers the operation and its inputs; {@link #backward()}
 * then walks these records in reverse topological order, accumulating the gradient of every
 * variable into {@link #grad()}. Afterwards the records are released, so that activations held only
 * for backpropagation can be freed.
 *
 * <pre>{@code
 * Tensor w = Tensor.variable(Nd4j.rand(DataType.FLOAT, 3, 2));
 * Tensor loss = Ops.sum(Ops.relu(Ops.matmul(Tensor.constant(x), w)));
 * loss.backward();
 * INDArray dw = w.grad();
 * }</pre>
 */
public final class Tensor {

    private final INDArray value;
    private final boolean requiresGrad;
    /*
     * The recorded operation that produced this tensor (its name, inputs and backward rule), all
     * null for a leaf or once released. Fields of the tensor rather than a node object of their
     * own: one object fewer per op and training step.
     */
    private String op;
    private Tensor[] inputs;
    private Backward backward;
    /* A one-input operation keeps its input and rule here instead: no inputs array to make. */
    private Tensor input;
    private UnaryBackward unaryBackward;
    private boolean released;
    private INDArray grad;
    /** The gradient array holds an old value that counts as zero (see zeroGrad). */
    private boolean gradStale;
    /** The recording op's backward rule does not read this value (see resultUnreadByBackward). */
    private boolean resultUnreadByBackward;

    private Tensor(INDArray value, boolean requiresGrad) {
        this.value = Objects.requireNonNull(value, "value");
        this.requiresGrad = requiresGrad;
    }

    private Tensor(INDArray value, String op, Tensor[] inputs, Backward backward) {
        this(value, true);
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
    }

    private Tensor(INDArray value, String op, Tensor input, UnaryBackward backward) {
        this(value, true);
        this.op = op;
        this.input = input;
        this.unaryBackward = backward;
    }

    /**
     * A tensor that never receives a gradient (inputs, labels).
     *
     * @param value the array (not copied)
     * @return the tensor
     */
    public static Tensor constant(INDArray value) {
        return new Tensor(value, false);
    }

    /**
     * A leaf tensor whose gradient {@link #backward()} accumulates (weights, or inputs whose
     * gradient is wanted).
     *
     * @param value the array (not copied; optimizers update it in place)
     * @return the tensor
     */
    public static Tensor variable(INDArray value) {
        return new Tensor(value, true);
    }

    /**
     * The result of an operation, recording it for backpropagation when an input requires
     * gradients and grad mode is on. Used by the classes of {@code dev.lamina.core.ops}.
     *
     * @param op the operation's name, for error messages
     * @param value the result
     * @param backward the operation's backward rule
     * @param inputs the operation's tensor inputs, in the order {@code backward} returns gradients
     * @return the result tensor
     */
    public static Tensor record(String op, INDArray value, Backward backward, Tensor... inputs) {
        if (GradMode.isEnabled()) {
            for (Tensor in : inputs) {
                if (in != null && in.requiresGrad) {
                    return new Tensor(value, op, inputs, backward);
                }
            }
        }
        return new Tensor(value, false);
    }

    /**
     * The result of an operation with one tensor input, recording it for backpropagation when the
     * input requires gradients and grad mode is on. Used by the classes of
     * {@code dev.lamina.core.ops}.
     *
     * @param op the operation's name, for error messages
     * @param value the result
     * @param backward the operation's backward rule
     * @param input the operation's tensor input
     * @return the result tensor
     */
    public static Tensor record(String op, INDArray value, UnaryBackward backward, Tensor input) {
        if (GradMode.isEnabled() && Objects.requireNonNull(input, "input").requiresGrad) {
            return new Tensor(value, op, input, backward);
        }
        return new Tensor(value, false);
    }

    /**
     * Declares that the backward rule of the op that made this tensor never reads its value: the
     * rule reads only the op's inputs and the incoming gradient (a convolution, an addition, batch
     * normalization). A reader that is the value's only one may then write its own result over it
     * (relu over batch normalization's output) without changing any gradient. Used by the classes
     * of {@code dev.lamina.core.ops} on the tensors they have just made.
     *
     * @return this tensor
     */
    public Tensor resultUnreadByBackward() {
        resultUnreadByBackward = true;
        return this;
    }

    /**
     * Whether the value may be overwritten by its only reader without changing any gradient: no
     * backward rule reads it, because none is recorded for it or because its op declared
     * {@link #resultUnreadByBackward()}. Whether another op reads it is for the caller to know.
     *
     * @return true when the value's own op will not read it again
     */
    public boolean isResultUnreadByBackward() {
        return resultUnreadByBackward || !requiresGrad;
    }

    /**
     * The array this tensor holds.
     *
     * @return the value (not a copy)
     */
    public INDArray value() {
        return value;
    }

    /**
     * The accumulated gradient of a variable, or {@code null} before any backward pass reached it.
     *
     * @return the gradient, same shape as the value
     */
    public INDArray grad() {
        if (gradStale) {
            grad.assign(0);
            gradStale = false;
        }
        return grad;
    }

    /**
     * Forgets the accumulated gradient, so the next backward pass starts from zero. The array is
     * kept and only marked: the next backward overwrites it instead of adding, which saves a fill
     * per variable and step.
     */
    public void zeroGrad() {
        if (grad != null) {
            gradStale = true;
        }
    }

    /**
     * Frees the native memory of the value and of the accumulated gradient at once, rather than when
     * the garbage collector finds them unreachable. The tensor, and every array over the same
     * memory, must not be used afterwards ({@link INDArray#wasClosed()} then holds for the value).
     */
    public void free() {
        NativeMemory.free(grad);
        grad = null;
        gradStale = false;
        NativeMemory.free(value);
    }

    /**
     * Whether gradients flow to this tensor.
     *
     * @return true for variables and for results computed from them
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Whether this tensor is a leaf: a constant or a variable, not the recorded result of an op.
     *
     * @return true for leaves
     */
    public boolean isLeaf() {
        return !isRecorded() && !released;
    }

    /**
     * The shape.
     *
     * @return a copy of the value's shape
     */
    public long[] shape() {
        // INDArray.shape() hands out the array's own shape: a caller must not be able to change it.
        return value.shape().clone();
    }

    /**
     * The rank (number of dimensions).
     *
     * @return the rank
     */
    public int rank() {
        return value.rank();
    }

    /**
     * The data type.
     *
     * @return the value's data type
     */
    public DataType dataType() {
        return value.dataType();
    }

    /**
     * A constant tensor sharing this one's value, cut off from the recorded graph.
     *
     * @return the detached tensor
     */
    public Tensor detach() {
        return constant(value);
    }

    /**
     * Backpropagates from this scalar tensor (a loss), seeding its gradient with 1.
     *
     * @throws IllegalStateException if the tensor is not a scalar or does not require gradients
     */
    public void backward() {
        if (value.length() != 1) {
            throw new IllegalStateException("backward() without a gradient needs a scalar tensor, got shape "
                    + Arrays.toString(value.shape()) + "; pass the output gradient instead");
        }
        backward(InPlace.fill(ArrayArena.uninitialized(value.dataType(), value.shape()), 1.0));
    }

    /**
     * {@link #backward()} for a training step that runs inside an {@link ArrayArena} step: as the
     * pass goes, it also hands each recorded tensor's array back to the arena once no backward
     * rule still to run reads it, so the gradients of the first layers reuse the activations of
     * the last ones instead of new memory. Afterwards the values of this tensor, of {@code keep}
     * and of leaves are intact; the values of every other tensor recorded on the way are
     * undefined. Without an active arena it is {@link #backward()}.
     *
     * @param keep tensors whose values the caller reads after the pass (a model's outputs, for
     *     its metrics)
     * @throws IllegalStateException as {@link #backward()}
     */
    public void backwardReleasing(Tensor... keep) {
        if (value.length() != 1) {
            throw new IllegalStateException("backward() without a gradient needs a scalar tensor, got shape "
                    + Arrays.toString(value.shape()) + "; pass the output gradient instead");
        }
        checkBackward();
        Autograd.run(this, InPlace.fill(ArrayArena.uninitialized(value.dataType(), value.shape()), 1.0),
                keep == null ? new Tensor[0] : keep);
    }

    /**
     * Backpropagates from this tensor with the given output gradient, accumulating the gradient of
     * every variable it depends on, then releases the recorded graph.
     *
     * @param gradOutput the gradient of the loss with respect to this tensor, same shape
     * @throws IllegalArgumentException if the gradient's shape differs
     * @throws IllegalStateException if the tensor does not require gradients or its graph was released
     */
    public void backward(INDArray gradOutput) {
        if (!Arrays.equals(gradOutput.shape(), value.shape())) {
            throw new IllegalArgumentException("backward: gradient shape " + Arrays.toString(gradOutput.shape())
                    + " does not match tensor shape " + Arrays.toString(value.shape()));
        }
        checkBackward();
        Autograd.run(this, gradOutput, null);
    }

    private void checkBackward() {
        if (released) {
            throw new IllegalStateException("backward: the graph of this tensor was already released by an "
                    + "earlier backward pass; recompute the forward pass");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not require gradients (no variable "
                    + "reaches it, or it was computed with grad mode off)");
        }
    }

    @Override
    public String toString() {
        String kind = isRecorded() ? "op=" + op : requiresGrad ? "variable" : "constant";
        return "Tensor(" + kind + ", shape=" + Arrays.toString(value.shape()) + ", " + value.dataType() + ")";
    }

    // ---- Package-private hooks for Autograd ----

    /** Whether an operation is recorded for this tensor (false for leaves and released tensors). */
    boolean isRecorded() {
        return backward != null || unaryBackward != null;
    }

    /** The recorded operation's name. */
    String recordedOp() {
        return op;
    }

    /** The number of the recorded operation's inputs (null ones included). */
    int recordedArity() {
        return unaryBackward != null ? 1 : inputs.length;
    }

    /** The recorded operation's input {@code k}, in the order its backward rule returns gradients. */
    Tensor recordedInput(int k) {
        return unaryBackward != null ? input : inputs[k];
    }

    /** The recorded general operation's inputs (null for the one-input form). */
    Tensor[] recordedInputs() {
        return inputs;
    }

    /** The recorded operation's backward rule, or null when it has the one-input form. */
    Backward recordedBackward() {
        return backward;
    }

    /** The recorded one-input operation's backward rule, or null when it has the general form. */
    UnaryBackward recordedUnaryBackward() {
        return unaryBackward;
    }

    void release() {
        if (isRecorded()) {
            op = null;
            inputs = null;
            backward = null;
            input = null;
            unaryBackward = null;
            released = true;
        }
    }

    void accumulateLeafGrad(INDArray g) {
        if (grad == null) {
            // Leaf gradients outlive any arena step, so they are always fresh, owned arrays.
            grad = InPlace.copy(Nd4j.createUninitialized(value.dataType(), value.shape()), g);
        } else if (gradStale) {
            InPlace.copy(grad, g);
            gradStale = false;
        } else {
            InPlace.add(grad, g);
        }
    }

}
