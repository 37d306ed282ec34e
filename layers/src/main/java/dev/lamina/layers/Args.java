package dev.lamina.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Argument checks and config conversions shared by the layers, with Keras' messages. */
final class Args {

    private Args() {
    }

    static int positive(String layer, String arg, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Invalid value for argument " + arg + " of " + layer
                    + ": expected a positive integer. Received: " + arg + "=" + value);
        }
        return value;
    }

    static int[] pair(String layer, String arg, int[] values) {
        if (values == null || values.length != 2 || values[0] <= 0 || values[1] <= 0) {
            throw new IllegalArgumentException("Invalid value for argument " + arg + " of " + layer
                    + ": expected one positive integer or two. Received: " + arg + "=" + Arrays.toString(values));
        }
        return values.clone();
    }

    static int[] pair(String layer, String arg, int value) {
        return pair(layer, arg, new int[] {value, value});
    }

    static int[] intPair(Map<String, Object> config, String key, int[] fallback) {
        Object v = config.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return new int[] {n.intValue(), n.intValue()};
        }
        List<?> list = (List<?>) v;
        return new int[] {((Number) list.get(0)).intValue(), ((Number) list.get(1)).intValue()};
    }

    static List<Integer> list(int[] pair) {
        return List.of(pair[0], pair[1]);
    }

    static double number(Map<String, Object> config, String key, double fallback) {
        Object v = config.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }

    static boolean bool(Map<String, Object> config, String key, boolean fallback) {
        Object v = config.get(key);
        return v instanceof Boolean b ? b : fallback;
    }

    static String string(Map<String, Object> config, String key, String fallback) {
        Object v = config.get(key);
        return v == null ? fallback : v.toString();
    }

    /**
     * Refuses a config whose {@code data_format} is not {@code channels_last}, the only layout
     * Lamina's image layers compute in; an absent one means channels-last, Keras' default.
     */
    static void requireChannelsLast(String layer, Map<String, Object> config) {
        Object format = config.get("data_format");
        if (format != null && !"channels_last".equals(format)) {
            throw new IllegalArgumentException(layer + " supports only data_format=\"channels_last\" (inputs of shape "
                    + "(batch, height, width, channels)). Received: data_format=" + format);
        }
    }

    static long[] requireRank(String layerName, String className, long[] inputShape, int rank, String what) {
        if (inputShape.length != rank) {
            throw new IllegalArgumentException("Input 0 of layer \"" + layerName + "\" (" + className
                    + ") is incompatible with the layer: expected ndim=" + rank + " " + what + ", found ndim="
                    + inputShape.length + ". Full shape received: " + Shapes.format(inputShape));
        }
        return inputShape;
    }
}
