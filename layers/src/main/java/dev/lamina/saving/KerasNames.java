package dev.lamina.saving;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keras' naming of objects inside a {@code .keras} weights file. Keras 3's {@code saving_lib} does
 * not address a layer by its {@code name} (names are generated and differ between two instances of
 * one model) but by its class, counted per container: the layers of a model are stored under
 * {@code layers/conv2d}, {@code layers/conv2d_1}, {@code layers/dense}, … in layer order, each
 * layer's variables under {@code <key>/vars/0}, {@code <key>/vars/1}, …. A reader and a writer of
 * the format both walk a model with one {@link Counter} per container.
 */
public final class KerasNames {

    private static final Pattern NON_WORD = Pattern.compile("\\W+");
    private static final Pattern CAPITALIZED_WORD = Pattern.compile("(.)([A-Z][a-z]+)");
    private static final Pattern LOWER_UPPER = Pattern.compile("([a-z])([A-Z])");

    private KerasNames() {
    }

    /**
     * Keras' {@code naming.to_snake_case}: {@code Conv2D} → {@code conv2d}, {@code BatchNormalization}
     * → {@code batch_normalization}, {@code ReLU} → {@code re_lu}, {@code LeakyReLU} →
     * {@code leaky_re_lu}.
     *
     * @param className a class name
     * @return its snake-case form
     */
    public static String toSnakeCase(String className) {
        String s = NON_WORD.matcher(className).replaceAll("");
        s = CAPITALIZED_WORD.matcher(s).replaceAll("$1_$2");
        return LOWER_UPPER.matcher(s).replaceAll("$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The keys of one container's objects, as Keras' {@code _save_container_state} makes them: the
     * first object of a class gets the class's snake-case name, the next ones {@code _1}, {@code _2}, ….
     */
    public static final class Counter {

        private final Map<String, Integer> used = new HashMap<>();

        /** A counter for a new container. */
        public Counter() {
        }

        /**
         * The key of the container's next object.
         *
         * @param className the object's Keras class name, e.g. {@code "Conv2D"}
         * @return e.g. {@code "conv2d"}, then {@code "conv2d_1"}
         */
        public String next(String className) {
            String name = toSnakeCase(className);
            Integer n = used.get(name);
            if (n == null) {
                used.put(name, 0);
                return name;
            }
            used.put(name, n + 1);
            return name + "_" + (n + 1);
        }
    }
}
