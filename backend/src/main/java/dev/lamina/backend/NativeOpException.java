package dev.lamina.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A libnd4j op that failed: the op's name, the status it returned, libnd4j's own error message
 * when it left one for this failure, and the dtype and shape of every array it was given, so that
 * a failure reads without libnd4j's console output.
 */
public final class NativeOpException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String opName;
    private final int status;
    private final String nativeMessage;

    /**
     * A failure of one op call.
     *
     * @param opName the op's libnd4j name
     * @param status the status libnd4j returned, or {@code -1} when ND4J threw without one
     * @param nativeMessage libnd4j's message for this failure, or {@code null} when it left none
     * @param inputs the op's inputs
     * @param outputs the op's outputs
     * @param cause the exception ND4J threw, or {@code null}
     */
    public NativeOpException(String opName, int status, String nativeMessage, INDArray[] inputs, INDArray[] outputs,
            Throwable cause) {
        super(message(opName, status, nativeMessage, inputs, outputs), cause);
        this.opName = opName;
        this.status = status;
        this.nativeMessage = nativeMessage == null || nativeMessage.isBlank() ? null : nativeMessage;
    }

    /** @return the op's libnd4j name */
    public String opName() {
        return opName;
    }

    /** @return the status libnd4j returned, or {@code -1} when ND4J threw without one */
    public int status() {
        return status;
    }

    /** @return libnd4j's message for this failure, or {@code null} when it left none */
    public String nativeMessage() {
        return nativeMessage;
    }

    private static String message(String op, int status, String nativeMessage, INDArray[] inputs,
            INDArray[] outputs) {
        String why = nativeMessage == null || nativeMessage.isBlank()
                ? "libnd4j gave no message; check the arrays' dtypes and shapes" : nativeMessage.strip();
        return "Native op " + op + " failed" + (status >= 0 ? " (status " + status + ")" : "") + ": " + why
                + ". Inputs: " + describe(inputs) + ", outputs: " + describe(outputs);
    }

    /** Each array as {@code float32 (2, 3)}. */
    static String describe(INDArray[] arrays) {
        List<String> out = new ArrayList<>();
        for (INDArray a : arrays) {
            out.add(a == null ? "null" : describe(a));
        }
        return out.toString();
    }

    /**
     * An array's dtype, in Keras' spelling, and shape: {@code float32 (2, 3)}.
     *
     * @param a the array
     * @return the description
     */
    public static String describe(INDArray a) {
        StringBuilder s = new StringBuilder(dtype(a)).append(" (");
        long[] shape = a.shape();
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String dtype(INDArray a) {
        return switch (a.dataType()) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case HALF -> "float16";
            case INT -> "int32";
            case LONG -> "int64";
            case SHORT -> "int16";
            case BYTE -> "int8";
            case UBYTE -> "uint8";
            case BOOL -> "bool";
            default -> a.dataType().name().toLowerCase(Locale.ROOT);
        };
    }
}
