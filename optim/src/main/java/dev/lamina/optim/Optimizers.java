package dev.lamina.optim;

import java.util.Locale;
import java.util.Map;

/** Optimizers by Keras name, for {@code compile("rmsprop", ...)}. */
public final class Optimizers {

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras' defaults.
     *
     * @param name {@code "sgd"}, {@code "rmsprop"} or {@code "adam"}, any case
     * @return the optimizer
     * @throws IllegalArgumentException listing the valid names
     */
    public static Optimizer get(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "sgd":
                return new SGD();
            case "rmsprop":
                return new RMSprop();
            case "adam":
                return new Adam();
            default:
                throw new IllegalArgumentException("Unknown optimizer: \"" + name + "\". Valid names: sgd, rmsprop, adam");
        }
    }

    /**
     * An optimizer from a Keras-style config such as {@link Optimizer#getConfig()} writes:
     * {@code {"name": "adam", "learning_rate": 0.001, "beta_1": 0.9, ...}}. Absent entries take
     * Keras' defaults.
     *
     * @param config the config
     * @return the optimizer
     * @throws IllegalArgumentException for an unknown name
     */
    public static Optimizer fromConfig(Map<String, ?> config) {
        String name = String.valueOf(config.get("name"));
        Optimizer o = get(name);
        if (config.get("learning_rate") instanceof Number lr) {
            o.learningRate(lr.doubleValue());
        }
        if (o instanceof SGD sgd) {
            sgd.momentum(num(config, "momentum", 0)).nesterov(bool(config, "nesterov", false));
        } else if (o instanceof RMSprop rms) {
            rms.rho(num(config, "rho", 0.9)).momentum(num(config, "momentum", 0)).epsilon(num(config, "epsilon", 1e-7))
                    .centered(bool(config, "centered", false));
        } else if (o instanceof Adam adam) {
            adam.beta1(num(config, "beta_1", 0.9)).beta2(num(config, "beta_2", 0.999))
                    .epsilon(num(config, "epsilon", 1e-7)).amsgrad(bool(config, "amsgrad", false));
        }
        if (config.get("decay") instanceof Number d) {
            o.decay(d.doubleValue());
        }
        if (config.get("weight_decay") instanceof Number wd) {
            o.weightDecay(wd.doubleValue());
        }
        if (config.get("clipnorm") instanceof Number c) {
            o.clipnorm(c.doubleValue());
        }
        if (config.get("clipvalue") instanceof Number c) {
            o.clipvalue(c.doubleValue());
        }
        if (config.get("global_clipnorm") instanceof Number c) {
            o.globalClipnorm(c.doubleValue());
        }
        return o;
    }

    private static double num(Map<String, ?> c, String key, double fallback) {
        return c.get(key) instanceof Number n ? n.doubleValue() : fallback;
    }

    private static boolean bool(Map<String, ?> c, String key, boolean fallback) {
        return c.get(key) instanceof Boolean b ? b : fallback;
    }
}
