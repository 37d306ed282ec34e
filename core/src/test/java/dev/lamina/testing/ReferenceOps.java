package dev.lamina.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which module checks the reference cases of which op. Each module's runner runs its own ops and
 * skips those of the others with the module named; an op in no module fails everywhere.
 */
public final class ReferenceOps {

    /** Ops checked by lamina-core's runner, through the ops. */
    public static final Set<String> CORE = Set.of("conv2d", "max_pooling2d", "average_pooling2d", "dense", "flatten",
            "batch_normalization", "relu", "tanh", "sigmoid", "softmax", "categorical_crossentropy",
            "sparse_categorical_crossentropy");

    /** Ops checked by lamina-optim's runner. */
    public static final Set<String> OPTIM = Set.of("sgd", "sgd_momentum", "sgd_nesterov", "rmsprop", "adam");

    /** Ops checked by lamina-layers' runner (models; the layer cases run there again, through layers). */
    public static final Set<String> LAYERS = Set.of("train_tiny_cnn", "summary");

    private static final Map<String, Set<String>> BY_MODULE = new LinkedHashMap<>();

    static {
        BY_MODULE.put("lamina-core", CORE);
        BY_MODULE.put("lamina-optim", OPTIM);
        BY_MODULE.put("lamina-layers", LAYERS);
    }

    private ReferenceOps() {
    }

    /**
     * The ops of every module but one, each with its module's name.
     *
     * @param module the running module, e.g. {@code "lamina-optim"}
     * @return op → module for the ops this module skips
     */
    public static Map<String, String> checkedElsewhere(String module) {
        Map<String, String> out = new LinkedHashMap<>();
        BY_MODULE.forEach((m, ops) -> {
            if (!m.equals(module)) {
                ops.forEach(op -> out.put(op, m));
            }
        });
        return out;
    }
}
