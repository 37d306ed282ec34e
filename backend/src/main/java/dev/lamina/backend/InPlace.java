package dev.lamina.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes into existing arrays through libnd4j's custom ops on reused contexts. ND4J's own
 * {@code assign}, {@code addi} and friends build an op object, its shape information and a
 * deallocation record per call (all of it Java garbage), and a training step makes dozens of
 * such calls: the garbage, not the arithmetic, grew the JVM's resident memory over a training.
 */
public final class InPlace {

    private static final NativeOp ASSIGN = new NativeOp("assign");
    private static final NativeOp ADD = new NativeOp("add");

    private InPlace() {
    }

    /**
     * Copies {@code source} into {@code target}.
     *
     * @param target the array written; its shape must be {@code source}'s or one it broadcasts to
     * @param source the values
     * @return {@code target}
     */
    public static INDArray copy(INDArray target, INDArray source) {
        ASSIGN.exec(target, source, target, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        return target;
    }

    /**
     * Adds {@code source} to {@code target}, element by element.
     *
     * @param target the array added to; its shape must be {@code source}'s
     * @param source the values to add
     * @return {@code target}
     */
    public static INDArray add(INDArray target, INDArray source) {
        ADD.exec(target, source, target, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        return target;
    }

    /**
     * Writes {@code a + b} into {@code target}, element by element.
     *
     * @param target the array written; its shape must be {@code a}'s and {@code b}'s
     * @param a the first addend
     * @param b the second addend
     * @return {@code target}
     */
    public static INDArray sum(INDArray target, INDArray a, INDArray b) {
        ADD.exec(a, b, target, NativeOp.NO_IARGS, NativeOp.NO_TARGS);
        return target;
    }

    /**
     * Sets every element of {@code target} to {@code value}.
     *
     * @param target the array
     * @param value the value
     * @return {@code target}
     */
    public static INDArray fill(INDArray target, double value) {
        return copy(target, Constants.scalar(target.dataType(), value));
    }
}
