package dev.lamina.initializers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Looks initializers up by name, as {@code keras.initializers.get} does.
 *
 * <p>Accepts Keras' snake_case names ({@code "he_normal"}), its class names ({@code "HeNormal"}),
 * and its aliases {@code "normal"}, {@code "uniform"}, {@code "zero"} and {@code "one"}; case and
 * underscores are ignored.
 */
public final class Initializers {

    private static final Map<String, Supplier<Initializer>> CANONICAL = new LinkedHashMap<>();
    private static final Map<String, Supplier<Initializer>> BY_KEY = new LinkedHashMap<>();

    static {
        CANONICAL.put("glorot_uniform", GlorotUniform::new);
        CANONICAL.put("glorot_normal", GlorotNormal::new);
        CANONICAL.put("he_uniform", HeUniform::new);
        CANONICAL.put("he_normal", HeNormal::new);
        CANONICAL.put("lecun_uniform", LecunUniform::new);
        CANONICAL.put("lecun_normal", LecunNormal::new);
        CANONICAL.put("random_normal", RandomNormal::new);
        CANONICAL.put("random_uniform", RandomUniform::new);
        CANONICAL.put("variance_scaling", VarianceScaling::new);
        CANONICAL.put("zeros", Zeros::new);
        CANONICAL.put("ones", Ones::new);
        CANONICAL.put("constant", () -> new Constant(0.0));
        // Keys are normalised, so the snake_case name also covers the class name.
        CANONICAL.forEach((name, supplier) -> BY_KEY.put(key(name), supplier));
        BY_KEY.put(key("normal"), RandomNormal::new);
        BY_KEY.put(key("uniform"), RandomUniform::new);
        BY_KEY.put(key("zero"), Zeros::new);
        BY_KEY.put(key("one"), Ones::new);
    }

    private Initializers() {
    }

    /**
     * A new initializer with Keras' default parameters.
     *
     * @param name a Keras name or alias, for example {@code "glorot_uniform"} or
     *     {@code "GlorotUniform"}
     * @return a new instance, so that setting parameters on it changes no other
     * @throws IllegalArgumentException if the name is unknown; the message lists the valid names
     */
    public static Initializer get(String name) {
        Objects.requireNonNull(name, "name");
        Supplier<Initializer> supplier = BY_KEY.get(key(name));
        if (supplier == null) {
            throw new IllegalArgumentException("Unknown initializer: \"" + name
                    + "\". Valid names: " + String.join(", ", CANONICAL.keySet()));
        }
        return supplier.get();
    }

    /**
     * The canonical Keras names that {@link #get(String)} accepts, aliases left out.
     *
     * @return the snake_case names, in a fixed order
     */
    public static List<String> names() {
        return List.copyOf(CANONICAL.keySet());
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
