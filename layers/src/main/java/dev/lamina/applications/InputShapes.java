package dev.lamina.applications;

import dev.lamina.layers.KerasTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keras' {@code imagenet_utils} argument checks shared by the applications, with Keras' messages:
 * {@code obtain_input_shape}, {@code validate_activation}, and {@code get_source_inputs}.
 */
final class InputShapes {

    private InputShapes() {
    }

    /**
     * Keras' {@code obtain_input_shape} for channels-last images: the input shape to build, or an
     * error. Lamina's inputs have a static size, so without the top the shape is required.
     */
    static int[] obtain(int[] inputShape, int defaultSize, int minSize, boolean requireFlatten, String weights) {
        boolean imagenet = ApplicationOptions.IMAGENET.equals(weights);
        int[] defaultShape = {defaultSize, defaultSize, 3};
        if (imagenet && requireFlatten) {
            if (inputShape != null && !Arrays.equals(inputShape, defaultShape)) {
                throw new IllegalArgumentException("When setting `include_top=True` and loading `imagenet` weights, "
                        + "`input_shape` should be " + tuple(defaultShape) + ".  Received: input_shape="
                        + tuple(inputShape));
            }
            return defaultShape;
        }
        if (inputShape != null) {
            if (inputShape.length != 3) {
                throw new IllegalArgumentException("`input_shape` must be a tuple of three integers. Received: "
                        + "input_shape=" + tuple(inputShape));
            }
            if (inputShape[2] != 3 && imagenet) {
                throw new IllegalArgumentException("The input must have 3 channels; Received `input_shape="
                        + tuple(inputShape) + "`");
            }
            if (inputShape[0] < minSize || inputShape[1] < minSize) {
                throw new IllegalArgumentException("Input size must be at least " + minSize + "x" + minSize
                        + "; Received: input_shape=" + tuple(inputShape));
            }
            return inputShape.clone();
        }
        if (requireFlatten) {
            return defaultShape;
        }
        throw new IllegalArgumentException("Without the top, `input_shape` (or `input_tensor`) is required: Lamina's "
                + "inputs have a static height and width. Received: input_shape=None");
    }

    /** Keras' {@code validate_activation}: pretrained weights allow only no activation or softmax. */
    static void validateActivation(String activation) {
        if (activation != null && !activation.equals("softmax") && !activation.equals("linear")
                && !activation.equals("none")) {
            throw new IllegalArgumentException("Only `None` and `softmax` activations are allowed for the "
                    + "`classifier_activation` argument when using pretrained weights, with `include_top=True`; "
                    + "Received: classifier_activation=" + activation);
        }
    }

    /** Keras' {@code get_source_inputs}: the graph inputs a tensor is computed from, in the order first met. */
    static List<KerasTensor> sourceInputs(KerasTensor tensor) {
        Map<KerasTensor, Boolean> seen = new IdentityHashMap<>();
        List<KerasTensor> out = new ArrayList<>();
        List<KerasTensor> stack = new ArrayList<>(List.of(tensor));
        while (!stack.isEmpty()) {
            KerasTensor t = stack.remove(stack.size() - 1);
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            if (t.isInput()) {
                out.add(t);
            } else {
                List<KerasTensor> ins = new ArrayList<>(t.inputs());
                java.util.Collections.reverse(ins);
                stack.addAll(ins);
            }
        }
        return out;
    }

    /** A shape as Python prints a tuple: {@code (224, 224, 3)}. */
    static String tuple(int[] shape) {
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(",
                shape.length == 1 ? ",)" : ")"));
    }
}
