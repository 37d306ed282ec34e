package dev.lamina.models;

import dev.lamina.layers.InputLayer;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import dev.lamina.optim.Optimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The model configs Keras writes, made from a Lamina model: Keras 3's {@code config.json}
 * ({@code module}, {@code class_name}, {@code config}, {@code registered_name},
 * {@code build_config}, {@code compile_config}; a Sequential led by its InputLayer with
 * {@code batch_shape}, functional nodes as {@code __keras_tensor__} with {@code keras_history}) and
 * Keras 2's {@code model_config} / {@code training_config} of a legacy HDF5 file
 * ({@code batch_input_shape}, nodes as {@code [layer, node, tensor]} lists). Lamina's own entries
 * (seed indices, random states) are left out: Keras would refuse them. Sequential and functional
 * models are written, a model nested as a layer with its whole config in its place (its
 * {@code trainable} included); a layer added twice to a Sequential is refused.
 */
final class KerasConfigs {

    private static final Map<String, String> OPTIMIZER_CLASSES = Map.of("adam", "Adam", "adamw", "AdamW", "sgd",
            "SGD", "rmsprop", "RMSprop", "adagrad", "Adagrad", "adadelta", "Adadelta", "adamax", "Adamax", "nadam",
            "Nadam");

    private final boolean keras3;

    private KerasConfigs(boolean keras3) {
        this.keras3 = keras3;
    }

    /**
     * Keras 3's {@code config.json} of the model.
     *
     * @param model a built Sequential or functional model
     * @return the config
     * @throws IOException naming the model when Keras' formats cannot hold it
     */
    static Map<String, Object> keras3(Model model) throws IOException {
        KerasConfigs k = new KerasConfigs(true);
        Map<String, Object> root = k.model(model);
        if (model.isCompiled()) {
            root.put("compile_config", compileConfig(model, true));
        }
        return root;
    }

    /**
     * Keras 2's {@code model_config} of the model, as a legacy HDF5 file holds it.
     *
     * @param model a built Sequential or functional model
     * @return the config
     * @throws IOException naming the model when Keras' formats cannot hold it
     */
    static Map<String, Object> keras2(Model model) throws IOException {
        return new KerasConfigs(false).model(model);
    }

    /**
     * The compile settings: Keras 3's {@code compile_config} or Keras 2's {@code training_config}.
     *
     * @param model a compiled model
     * @param keras3 which of the two
     * @return the settings
     */
    static Map<String, Object> compileConfig(Model model, boolean keras3) {
        Optimizer o = model.optimizer();
        Map<String, Object> opt = new LinkedHashMap<>();
        if (keras3) {
            opt.put("module", "keras.optimizers");
        }
        String name = o.name().toLowerCase(Locale.ROOT);
        opt.put("class_name", OPTIMIZER_CLASSES.getOrDefault(name, o.name()));
        opt.put("config", o.getConfig());
        if (keras3) {
            opt.put("registered_name", null);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(keras3 ? "optimizer" : "optimizer_config", opt);
        List<String> outputs = model.outputNames();
        if (model.losses().size() == 1) {
            c.put("loss", model.losses().get(0).name());
        } else {
            Map<String, Object> byOutput = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                byOutput.put(outputs.get(i), model.losses().get(i).name());
            }
            c.put("loss", byOutput);
        }
        double[] weights = model.lossWeights();
        Map<String, Object> lossWeights = null;
        if (weights != null) {
            lossWeights = new LinkedHashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                lossWeights.put(outputs.get(i), weights[i]);
            }
        }
        c.put("loss_weights", lossWeights);
        List<String> metrics = new ArrayList<>();
        for (Object m : model.compiledMetrics()) {
            metrics.add(m instanceof dev.lamina.metrics.Metric metric ? metric.name() : m.toString());
        }
        c.put("metrics", metrics);
        c.put("weighted_metrics", null);
        if (keras3) {
            c.put("run_eagerly", false);
            c.put("steps_per_execution", 1);
            c.put("jit_compile", false);
        }
        return c;
    }

    private Map<String, Object> model(Model model) throws IOException {
        Architecture.requireRebuildable(model);
        if (!model.hasGraph()) {
            throw new IOException("Cannot save model \"" + model.name() + "\" in Keras' format: it is not built (its "
                    + "input shape is unknown); give its first layer an inputShape(...) or call predict once first");
        }
        boolean sequential = model instanceof Sequential;
        Map<String, Object> root = new LinkedHashMap<>();
        if (keras3) {
            root.put("module", sequential ? "keras" : "keras.src.models.functional");
        }
        root.put("class_name", sequential ? "Sequential" : "Functional");
        root.put("config", sequential ? sequential((Sequential) model) : functional(model));
        if (keras3) {
            root.put("registered_name", sequential ? null : "Functional");
            if (sequential) {
                root.put("build_config", Map.of("input_shape", shape(model.input().shape())));
            }
        }
        return root;
    }

    private Map<String, Object> sequential(Sequential s) throws IOException {
        List<Object> layers = new ArrayList<>();
        KerasTensor in = s.input();
        layers.add(inputLayer(in.layer() instanceof InputLayer ? in.layer().name() : "input_layer", in.shape()));
        Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : s.layers()) {
            if (!seen.add(l)) {
                throw new IOException("Cannot save model \"" + s.name() + "\" in Keras' format: layer \"" + l.name()
                        + "\" is added twice, which Keras' Sequential config cannot express");
            }
            layers.add(layer(l));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", s.name());
        c.put("trainable", s.isTrainable());
        if (keras3) {
            c.put("dtype", dtypePolicy());
        }
        c.put("layers", layers);
        if (keras3) {
            c.put("build_input_shape", shape(in.shape()));
        }
        return c;
    }

    private Map<String, Object> functional(Model m) throws IOException {
        Map<KerasTensor, List<Object>> history = new IdentityHashMap<>();
        Set<String> names = new HashSet<>();
        List<Object> layers = new ArrayList<>();
        List<Object> inputLayers = new ArrayList<>();
        for (KerasTensor in : m.inputs()) {
            String name = unique(m, in.layer().name(), names);
            Map<String, Object> e = inputLayer(name, in.shape());
            e.put("name", name);
            e.put("inbound_nodes", List.of());
            layers.add(e);
            history.put(in, List.of(name, 0, 0));
            inputLayers.add(List.of(name, 0, 0));
        }
        Map<Layer, List<Object>> applications = new IdentityHashMap<>();
        List<Layer> order = new ArrayList<>();
        // The graph's nodes come after the nodes that produce their inputs, as Keras' rebuild needs.
        for (Node n : m.nodes()) {
            KerasTensor t = n.output();
            Layer l = t.layer();
            List<Object> apps = applications.computeIfAbsent(l, k -> {
                order.add(k);
                return new ArrayList<>();
            });
            List<Object> reads = new ArrayList<>();
            for (KerasTensor p : t.inputs()) {
                reads.add(keras3 ? kerasTensor(p, history.get(p)) : history.get(p));
            }
            if (keras3) {
                Map<String, Object> node = new LinkedHashMap<>();
                // A layer of one input is called with the tensor, a merge layer with the list of them.
                node.put("args", List.of(reads.size() == 1 ? reads.get(0) : reads));
                node.put("kwargs", Map.of());
                apps.add(node);
            } else {
                apps.add(reads);
            }
            history.put(t, List.of(l.name(), apps.size() - 1, 0));
        }
        for (Layer l : order) {
            Map<String, Object> e = layer(l);
            e.put("name", unique(m, l.name(), names));
            e.put("inbound_nodes", applications.get(l));
            layers.add(e);
        }
        List<Object> outputLayers = new ArrayList<>();
        for (KerasTensor t : m.outputs()) {
            outputLayers.add(history.get(t));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", m.name());
        c.put("trainable", m.isTrainable());
        c.put("layers", layers);
        // Keras writes one endpoint bare when the model was made from a single tensor, not a list.
        c.put("input_layers", inputLayers.size() == 1 && keras3 ? inputLayers.get(0) : inputLayers);
        c.put("output_layers", outputLayers.size() == 1 && keras3 ? outputLayers.get(0) : outputLayers);
        return c;
    }

    private static String unique(Model m, String name, Set<String> taken) throws IOException {
        if (!taken.add(name)) {
            throw new IOException("Cannot save model \"" + m.name() + "\" in Keras' format: two of its layers are "
                    + "named \"" + name + "\" (rename one with name(...))");
        }
        return name;
    }

    private Map<String, Object> kerasTensor(KerasTensor t, List<Object> history) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("shape", shape(t.shape()));
        c.put("dtype", "float32");
        c.put("keras_history", history);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class_name", "__keras_tensor__");
        e.put("config", c);
        return e;
    }

    private Map<String, Object> inputLayer(String name, long[] shape) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(keras3 ? "batch_shape" : "batch_input_shape", shape(shape));
        c.put("dtype", "float32");
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("name", name);
        Map<String, Object> e = new LinkedHashMap<>();
        if (keras3) {
            e.put("module", "keras.layers");
        }
        e.put("class_name", "InputLayer");
        e.put("config", c);
        if (keras3) {
            e.put("registered_name", null);
        }
        return e;
    }

    /**
     * A layer's entry: its Keras config without the input shape (the InputLayer carries it); a
     * nested model's entry is its whole model config, as Keras nests it.
     */
    private Map<String, Object> layer(Layer l) throws IOException {
        if (l instanceof Model nested) {
            return model(nested);
        }
        Map<String, Object> own = l.getConfig();
        own.remove("batch_input_shape");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", own.remove("name"));
        c.put("trainable", own.remove("trainable"));
        c.put("dtype", keras3 ? dtypePolicy() : "float32");
        c.putAll(own);
        Map<String, Object> e = new LinkedHashMap<>();
        if (keras3) {
            e.put("module", "keras.layers");
        }
        e.put("class_name", l.className());
        e.put("config", c);
        if (keras3) {
            e.put("registered_name", null);
            List<long[]> built = l.builtInputShapes();
            if (built != null) {
                // A merge layer is built for the list of its inputs' shapes.
                Object shapes = built.size() == 1 ? shape(built.get(0)) : built.stream().map(KerasConfigs::shape).toList();
                e.put("build_config", Map.of("input_shape", shapes));
            }
        }
        return e;
    }

    private static Map<String, Object> dtypePolicy() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("module", "keras");
        p.put("class_name", "DTypePolicy");
        p.put("config", Map.of("name", "float32"));
        p.put("registered_name", null);
        return p;
    }

    /** A shape as Keras writes it: the unknown batch size as null. */
    private static List<Object> shape(long[] dims) {
        List<Object> out = new ArrayList<>();
        for (long d : dims) {
            out.add(d < 0 ? null : d);
        }
        return out;
    }
}
