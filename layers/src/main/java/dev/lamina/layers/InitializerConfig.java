package dev.lamina.layers;

import dev.lamina.initializers.Constant;
import dev.lamina.initializers.Initializer;
import dev.lamina.initializers.Initializers;
import dev.lamina.initializers.RandomNormal;
import dev.lamina.initializers.RandomUniform;
import dev.lamina.initializers.VarianceScaling;
import java.util.LinkedHashMap;
import java.util.Map;

/** Initializers in layer configs, as Keras writes them: {@code {"class_name": …, "config": {…}}}. */
final class InitializerConfig {

    private InitializerConfig() {
    }

    static Map<String, Object> toConfig(Initializer init) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", init.name());
        m.put("config", init.getConfig());
        return m;
    }

    static Initializer fromConfig(Object value, String fallback) {
        if (value == null) {
            return Initializers.get(fallback);
        }
        if (value instanceof String s) {
            return Initializers.get(s);
        }
        Map<?, ?> m = (Map<?, ?>) value;
        String name = String.valueOf(m.get("class_name"));
        Map<?, ?> c = m.get("config") instanceof Map<?, ?> cm ? cm : Map.of();
        if (name.equals("constant")) {
            return new Constant(num(c, "value", 0));
        }
        if (name.equals("variance_scaling")) {
            return new VarianceScaling(num(c, "scale", 1), String.valueOf(c.get("mode")),
                    String.valueOf(c.get("distribution")));
        }
        Initializer init = Initializers.get(name);
        if (init instanceof RandomNormal rn) {
            rn.mean(num(c, "mean", 0)).stddev(num(c, "stddev", 0.05));
        } else if (init instanceof RandomUniform ru) {
            ru.minval(num(c, "minval", -0.05)).maxval(num(c, "maxval", 0.05));
        }
        return init;
    }

    private static double num(Map<?, ?> c, String key, double fallback) {
        Object v = c.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
