package dev.lamina.models;

import dev.lamina.activations.Activations;
import dev.lamina.initializers.Initializers;
import dev.lamina.layers.BatchNormalization;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerRegistry;
import dev.lamina.saving.ArchiveReader;
import dev.lamina.saving.Json;
import dev.lamina.saving.Limits;
import dev.lamina.saving.ModelFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Translates a model config written by Keras (2 or 3; {@code model.to_json()}, a legacy HDF5
 * file's {@code model_config}, a {@code .keras} file's {@code config.json}) into the architecture
 * entry {@link Architecture#rebuild} reads. Keras 2 ({@code batch_input_shape}, string dtypes,
 * {@code inbound_nodes} as nested lists, class {@code Model} or {@code Functional}) and Keras 3
 * ({@code batch_shape}, {@code DTypePolicy} dtypes, {@code __keras_tensor__} nodes with
 * {@code keras_history}, {@code module} / {@code registered_name} / {@code build_config}) are both
 * read, for Sequential and functional models, nested ones included.
 *
 * <p>Every config field of a layer is either mapped to the Lamina layer's own, checked to hold the
 * value Lamina computes ({@code dilation_rate} 1, {@code data_format} channels_last,
 * padding 'valid' or 'same'), or refused with a message naming the layer's index, name and class.
 * Regularizers and constraints, which change training but not what the model computes, are kept as
 * a list ({@link #trainingOnlySettings()}) for the loader to report. Fields Keras
 * added later with an off value ({@code null}, {@code false}) are accepted. As with Keras'
 * {@code safe_mode}, nothing in the file becomes code: {@code Lambda} layers and custom classes
 * (a {@code registered_name} outside Keras, a subclassed model) are refused, and layers come only
 * from {@link LayerRegistry}.
 */
final class KerasModelConfig {

    private static final Set<String> FUNCTIONAL = Set.of("Functional", "Model");
    private static final Set<String> CODE_LAYERS = Set.of("Lambda", "TFOpLambda", "SlicingOpLambda");
    /** Keras' layer classes Lamina builds, by the name Keras writes (aliases included). */
    private static final Set<String> SUPPORTED = Set.of("InputLayer", "Conv1D", "Conv2D", "Dense", "MaxPooling2D", "MaxPool2D",
            "AveragePooling2D", "AvgPool2D", "GlobalAveragePooling2D", "GlobalAvgPool2D", "GlobalMaxPooling2D",
            "GlobalMaxPool2D", "BatchNormalization", "Dropout", "Flatten", "Activation", "ZeroPadding2D",
            "Cropping2D", "Reshape", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
            "ReLU", "LeakyReLU", "Softmax");

    private final Json json;
    private final Limits limits;
    /** Checks that need the built model: a BatchNormalization's axis written as a positive index. */
    private final List<AxisCheck> axisChecks = new ArrayList<>();

    /** Settings that change training only (regularizers, constraints), which Lamina does not apply. */
    private final List<String> trainingOnly = new ArrayList<>();

    /** A BatchNormalization whose axis must turn out to be the last one. */
    private record AxisCheck(String where, String layer, long axis) {
    }

    /**
     * @param json names the file and entry (e.g. {@code model_config}) in messages
     * @param limits the caps; {@link Limits#maxNesting()} bounds nested models
     */
    KerasModelConfig(Json json, Limits limits) {
        this.json = json;
        this.limits = limits;
    }

    /**
     * The architecture entry of a Keras model config.
     *
     * @param root {@code {"class_name": ..., "config": ...}} as Keras writes it
     * @return the entry for {@link Architecture#rebuild}
     * @throws ModelFormatException naming the layer for anything Lamina cannot build as Keras would
     */
    Map<String, Object> translate(Map<String, Object> root) throws ModelFormatException {
        return model(root, "model", 0);
    }

    /**
     * Checks what only the built model shows (the axis of a BatchNormalization written as an index).
     *
     * @param model the model built from {@link #translate}'s entry
     * @throws ModelFormatException naming the layer when a check fails
     */
    void checkBuilt(Model model) throws ModelFormatException {
        for (AxisCheck c : axisChecks) {
            for (Layer l : allLayers(model)) {
                if (l instanceof BatchNormalization && l.name().equals(c.layer())) {
                    long last = l.builtInputShape().length - 1;
                    if (c.axis() != last) {
                        throw json.fail(c.where() + ": unsupported setting axis=" + c.axis() + "; Lamina normalizes "
                                + "the last axis (" + last + " for its input)");
                    }
                }
            }
        }
    }

    /**
     * The training-only settings of the file that Lamina does not apply: regularizers and
     * constraints. Predictions do not depend on them; training would.
     *
     * @return e.g. {@code model.layers[1] "conv2d" (Conv2D): kernel_regularizer L2}; empty when none
     */
    List<String> trainingOnlySettings() {
        return List.copyOf(trainingOnly);
    }

    private static List<Layer> allLayers(Model m) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : m.layers()) {
            out.add(l);
            if (l instanceof Model nested) {
                out.addAll(allLayers(nested));
            }
        }
        return out;
    }

    // ---- models ----

    private Map<String, Object> model(Map<String, Object> entry, String where, int depth) throws ModelFormatException {
        if (depth > limits.maxNesting()) {
            throw json.fail(where + ": models nested more than " + limits.maxNesting() + " deep");
        }
        String cls = json.string(entry, "class_name", where);
        refuseCustom(entry, cls, where, "model");
        Map<String, Object> out = new LinkedHashMap<>();
        if (Architecture.SEQUENTIAL.equals(cls)) {
            out.put("class_name", Architecture.SEQUENTIAL);
            out.put("config", sequential(entry.get("config"), where, depth));
        } else if (FUNCTIONAL.contains(cls)) {
            out.put("class_name", Architecture.FUNCTIONAL);
            out.put("config", functional(json.object(entry, "config", where), where, depth));
        } else {
            throw json.fail(where + ": class " + printable(cls) + " is not a Sequential or functional model. A "
                    + "subclassed model's code is not in the file, and Lamina never takes code or classes from a file "
                    + "(as Keras' safe_mode); rebuild it in Java and use loadWeights");
        }
        return out;
    }

    private Map<String, Object> sequential(Object raw, String where, int depth) throws ModelFormatException {
        Map<String, Object> out = new LinkedHashMap<>();
        List<?> layers;
        if (raw instanceof List<?> list) {
            // Keras up to 2.2 wrote a Sequential's config as the bare list of its layers.
            layers = list;
            out.put("name", "sequential");
        } else {
            Map<String, Object> c = json.object(raw, where + ".config");
            layers = json.list(c, "layers", where);
            out.put("name", c.get("name") instanceof String s ? s : "sequential");
            out.put("trainable", json.bool(c, "trainable", true, where));
            checkDtype(c.get("dtype"), where + ": ");
            if (c.get("build_input_shape") != null && !layers.isEmpty() && !declaresInput(layers.get(0))) {
                // No InputLayer and no input shape on the first layer: Keras built it from this shape.
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("class_name", "InputLayer");
                input.put("config", new LinkedHashMap<>(Map.of("batch_shape",
                        shape(c.get("build_input_shape"), where + ": build_input_shape"))));
                List<Object> withInput = new ArrayList<>();
                withInput.add(input);
                List<Object> rest = translateLayers(layers, where, depth, false);
                withInput.addAll(rest);
                out.put("layers", withInput);
                return out;
            }
        }
        out.put("layers", translateLayers(layers, where, depth, false));
        return out;
    }

    private boolean declaresInput(Object entry) {
        if (entry instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c) {
            return "InputLayer".equals(m.get("class_name")) || c.get("batch_input_shape") != null
                    || c.get("batch_shape") != null;
        }
        return false;
    }

    private Map<String, Object> functional(Map<String, Object> c, String where, int depth) throws ModelFormatException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.get("name") instanceof String s ? s : "functional");
        out.put("trainable", json.bool(c, "trainable", true, where));
        out.put("layers", translateLayers(json.list(c, "layers", where), where, depth, true));
        out.put("input_layers", endpoints(c.get("input_layers"), where + ": input_layers"));
        out.put("output_layers", endpoints(c.get("output_layers"), where + ": output_layers"));
        return out;
    }

    private List<Object> translateLayers(List<?> layers, String where, int depth, boolean functional)
            throws ModelFormatException {
        // Classes first: a layer Lamina lacks is the news, before any setting of an earlier layer.
        for (int i = 0; i < layers.size(); i++) {
            String at = where + ".layers[" + i + "]";
            Map<String, Object> e = json.object(layers.get(i), at);
            String cls = json.string(e, "class_name", at);
            if (!Architecture.SEQUENTIAL.equals(cls) && !FUNCTIONAL.contains(cls)) {
                layerClass(e, cls, at);
            }
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> e = json.object(layers.get(i), where + ".layers[" + i + "]");
            out.add(layer(e, where + ".layers[" + i + "]", depth, functional));
        }
        return out;
    }

    /** Refuses a layer class that is custom, holds code, or is not one Lamina builds. */
    private void layerClass(Map<String, Object> e, String cls, String at) throws ModelFormatException {
        String where = describe(e, cls, at);
        refuseCustom(e, cls, where, "layer");
        if (CODE_LAYERS.contains(cls)) {
            throw json.fail(where + ": a " + cls + " layer holds Python code; Lamina never runs code from a file (as "
                    + "Keras' safe_mode refuses it)");
        }
        if (!SUPPORTED.contains(cls)) {
            throw json.fail(where + ": unsupported layer class " + printable(cls) + ". Lamina reads: "
                    + new TreeSet<>(SUPPORTED));
        }
    }

    /** {@code model.layers[3] "p_re_lu_1" (PReLU)}: the entry's index, name and class. */
    private String describe(Map<String, Object> e, String cls, String at) {
        Object c = e.get("config");
        Object name = c instanceof Map<?, ?> m && m.get("name") instanceof String s ? s : e.get("name");
        return at + " \"" + printable(String.valueOf(name)) + "\" (" + printable(cls) + ")";
    }

    /** {@code [[name, node, tensor], ...]}; Keras 3 writes a single input as one triple. */
    private List<Object> endpoints(Object raw, String where) throws ModelFormatException {
        List<?> list = json.list(raw, where);
        if (!list.isEmpty() && list.get(0) instanceof String) {
            list = List.of(list);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(triple(list.get(i), where + "[" + i + "]"));
        }
        return out;
    }

    // ---- layers ----

    private Map<String, Object> layer(Map<String, Object> e, String at, int depth, boolean functional)
            throws ModelFormatException {
        String cls = json.string(e, "class_name", at);
        Map<String, Object> c = json.object(e, "config", at);
        String where = describe(e, cls, at);
        Map<String, Object> out;
        if (Architecture.SEQUENTIAL.equals(cls) || FUNCTIONAL.contains(cls)) {
            out = model(e, at, depth + 1);
        } else {
            layerClass(e, cls, at);
            out = new LinkedHashMap<>();
            out.put("class_name", cls);
            out.put("config", new LayerFields(c, where, cls).translate());
        }
        if (functional) {
            out.put("inbound_nodes", inbound(e.get("inbound_nodes"), where));
        }
        return out;
    }

    /** Custom objects: a registered name with a package other than Keras', or a module outside Keras. */
    private void refuseCustom(Map<String, Object> e, String cls, String where, String kind) throws ModelFormatException {
        Object registered = e.get("registered_name");
        Object module = e.get("module");
        boolean customName = registered instanceof String r && !r.equals(cls) && !r.startsWith("keras");
        boolean customModule = module instanceof String m && !(m.equals("keras") || m.startsWith("keras."));
        if (customName || customModule) {
            throw json.fail(where + ": " + kind + " class " + printable(cls) + " is a custom class ("
                    + (customName ? "registered_name \"" + printable((String) registered) + "\""
                    : "module \"" + printable((String) module) + "\"") + "); its code is not in the file, and Lamina "
                    + "never takes code or classes from a file (as Keras' safe_mode)"
                    + ("model".equals(kind) ? ". Rebuild the model in Java and use loadWeights" : ""));
        }
    }

    /**
     * A layer's applications as {@code [[[producer, node, tensor], ...], ...]}, from Keras 2's
     * nested lists or Keras 3's {@code {"args": [...], "kwargs": {...}}} nodes.
     */
    private List<Object> inbound(Object raw, String where) throws ModelFormatException {
        List<Object> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        List<?> nodes = json.list(raw, where + ": inbound_nodes");
        for (int n = 0; n < nodes.size(); n++) {
            String at = where + ": inbound_nodes[" + n + "]";
            List<Object> reads = new ArrayList<>();
            if (nodes.get(n) instanceof Map<?, ?>) {
                Map<String, Object> node = json.object(nodes.get(n), at);
                List<?> args = json.list(node, "args", at);
                if (args.size() != 1) {
                    throw json.fail(at + ": the layer is called with " + args.size() + " positional arguments; Lamina "
                            + "calls a layer on its input alone");
                }
                if (args.get(0) instanceof List<?> tensors) {
                    for (int k = 0; k < tensors.size(); k++) {
                        reads.add(kerasTensor(tensors.get(k), at + ".args[0][" + k + "]"));
                    }
                } else {
                    reads.add(kerasTensor(args.get(0), at + ".args[0]"));
                }
                checkCallKwargs(node.get("kwargs"), at);
            } else {
                List<?> node = json.list(nodes.get(n), at);
                for (int k = 0; k < node.size(); k++) {
                    List<?> t = json.list(node.get(k), at + "[" + k + "]");
                    if (t.size() == 4) {
                        checkCallKwargs(t.get(3), at + "[" + k + "]");
                    }
                    reads.add(triple(t.size() == 4 ? t.subList(0, 3) : t, at + "[" + k + "]"));
                }
            }
            out.add(reads);
        }
        return out;
    }

    private List<Object> kerasTensor(Object raw, String where) throws ModelFormatException {
        Map<String, Object> t = json.object(raw, where);
        if (!"__keras_tensor__".equals(t.get("class_name"))) {
            throw json.fail(where + ": expected a __keras_tensor__, found class " + printable(String.valueOf(
                    t.get("class_name"))) + " (a constant or another object as a layer input is not supported)");
        }
        Map<String, Object> c = json.object(t, "config", where);
        return triple(c.get("keras_history"), where + ".keras_history");
    }

    private List<Object> triple(Object raw, String where) throws ModelFormatException {
        List<?> t = json.list(raw, where);
        if (t.size() != 3 || !(t.get(0) instanceof String name)) {
            throw json.fail(where + " must be [layer name, node index, tensor index]");
        }
        return List.of(name, json.integer(t.get(1), where + "[1]"), json.integer(t.get(2), where + "[2]"));
    }

    /** Call arguments: only those that change nothing at inference ({@code training}: false, {@code mask}: null). */
    private void checkCallKwargs(Object raw, String where) throws ModelFormatException {
        if (raw == null) {
            return;
        }
        Map<String, Object> kwargs = json.object(raw, where + ": call arguments");
        for (Map.Entry<String, Object> k : kwargs.entrySet()) {
            Object v = k.getValue();
            if (v != null && !Boolean.FALSE.equals(v)) {
                throw json.fail(where + ": unsupported call argument " + printable(k.getKey()) + "=" + printable(
                        String.valueOf(v)));
            }
        }
    }

    private void checkDtype(Object dtype, String where) throws ModelFormatException {
        Object name = dtype;
        if (dtype instanceof Map<?, ?> policy) {
            name = policy.get("config") instanceof Map<?, ?> c ? c.get("name") : null;
        }
        if (dtype != null && !"float32".equals(name)) {
            throw json.fail(where + "unsupported setting dtype=" + printable(String.valueOf(name == null ? dtype
                    : name)) + " (Lamina computes in float32)");
        }
    }

    /** A batch shape: the batch entry is dropped by the layers; every other dimension must be known. */
    private List<Object> shape(Object raw, String where) throws ModelFormatException {
        List<?> s = json.list(raw, where);
        if (s.isEmpty() || s.size() > 32) {
            throw json.fail(where + " has rank " + s.size());
        }
        List<Object> out = new ArrayList<>();
        out.add(null);
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i) == null) {
                throw json.fail(where + ": dimension " + i + " of " + s + " is unknown (None); Lamina needs every "
                        + "dimension but the batch");
            }
            long d = json.integer(s.get(i), where + "[" + i + "]");
            if (d <= 0 || d > Integer.MAX_VALUE) {
                throw json.fail(where + ": dimension " + i + " of " + s + " is not a positive integer");
            }
            out.add(d);
        }
        return out;
    }

    private static String printable(String s) {
        return ArchiveReader.printable(s);
    }

    /** One layer's config fields: each is mapped, checked, or refused; {@link #translate} says which is left. */
    private final class LayerFields {

        private final Map<String, Object> in;
        private final Map<String, Object> out = new LinkedHashMap<>();
        private final String where;
        private final String cls;

        LayerFields(Map<String, Object> in, String where, String cls) {
            this.in = new LinkedHashMap<>(in);
            this.where = where;
            this.cls = cls;
        }

        Map<String, Object> translate() throws ModelFormatException {
            copy("name");
            if (in.containsKey("trainable")) {
                out.put("trainable", json.bool(in, "trainable", true, where));
                in.remove("trainable");
            }
            checkDtype(in.remove("dtype"), where + ": ");
            Object batch = in.containsKey("batch_shape") ? in.remove("batch_shape") : in.remove("batch_input_shape");
            if (batch != null) {
                out.put("InputLayer".equals(cls) ? "batch_shape" : "batch_input_shape", shape(batch, where
                        + ": batch shape"));
            }
            in.remove("batch_size");
            switch (cls) {
                case "InputLayer" -> {
                    if (batch == null) {
                        throw json.fail(where + ": no batch_shape (Lamina needs the input shape)");
                    }
                    off("sparse", "ragged", "optional");
                }
                case "Conv1D", "Conv2D" -> {
                    copy("filters", "kernel_size", "strides", "use_bias");
                    padding();
                    channelsLast();
                    ones("dilation_rate");
                    equal("groups", 1L);
                    activation("activation");
                    initializers("kernel_initializer", "bias_initializer");
                    trainingOnly("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                            "bias_constraint");
                }
                case "Dense" -> {
                    copy("units", "use_bias");
                    activation("activation");
                    initializers("kernel_initializer", "bias_initializer");
                    trainingOnly("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                            "bias_constraint");
                    off("lora_rank");
                }
                case "MaxPooling2D", "MaxPool2D", "AveragePooling2D", "AvgPool2D" -> {
                    copy("pool_size", "strides");
                    padding();
                    channelsLast();
                }
                case "GlobalAveragePooling2D", "GlobalAvgPool2D", "GlobalMaxPooling2D", "GlobalMaxPool2D" -> {
                    copy("keepdims");
                    channelsLast();
                }
                case "BatchNormalization" -> batchNormalization();
                case "Dropout" -> {
                    copy("rate", "seed");
                    off("noise_shape");
                }
                case "Flatten" -> channelsLast();
                case "Activation" -> activation("activation");
                case "ZeroPadding2D" -> {
                    copy("padding");
                    channelsLast();
                }
                case "Cropping2D" -> {
                    copy("cropping");
                    channelsLast();
                }
                case "Reshape" -> copy("target_shape");
                case "Concatenate" -> copy("axis");
                case "ReLU" -> copy("max_value", "negative_slope", "threshold");
                case "LeakyReLU" -> copy("alpha", "negative_slope");
                case "Softmax" -> copy("axis");
                default -> {
                    // Add, Subtract, Multiply, Average, Maximum, Minimum: nothing beyond the common fields.
                }
            }
            for (Map.Entry<String, Object> rest : in.entrySet()) {
                Object v = rest.getValue();
                if (v != null && !Boolean.FALSE.equals(v)) {
                    throw unsupported(rest.getKey(), v, "Lamina's " + cls + " has no such setting");
                }
            }
            return out;
        }

        private void batchNormalization() throws ModelFormatException {
            Object axis = in.remove("axis");
            if (axis instanceof List<?> l && l.size() == 1) {
                axis = l.get(0);
            }
            long a = axis == null ? -1 : json.integer(axis, where + ": axis");
            if (a != -1) {
                if (a < 1) {
                    throw unsupported("axis", axis, "Lamina normalizes the last axis");
                }
                axisChecks.add(new AxisCheck(where, String.valueOf(out.get("name")), a));
            }
            copy("momentum", "epsilon");
            for (String k : new String[] {"center", "scale"}) {
                // Keras accepts any truthy value here; files hold 1 as well as true.
                Object v = in.remove(k);
                if (v != null) {
                    out.put(k, v instanceof Number n ? n.doubleValue() != 0 : json.bool(Map.of(k, v), k, true, where));
                }
            }
            initializers("beta_initializer", "gamma_initializer", "moving_mean_initializer",
                    "moving_variance_initializer");
            trainingOnly("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint");
            off("renorm", "renorm_clipping", "virtual_batch_size", "adjustment", "synchronized");
            // Keras 2 settings that do not change the result: how TensorFlow fused the op.
            in.remove("fused");
            in.remove("renorm_momentum");
        }

        private void copy(String... keys) {
            for (String k : keys) {
                if (in.containsKey(k)) {
                    Object v = in.remove(k);
                    if (v != null) {
                        out.put(k, v);
                    }
                }
            }
        }

        /** Regularizers and constraints: noted, since only training would differ without them. */
        private void trainingOnly(String... keys) {
            for (String k : keys) {
                Object v = in.remove(k);
                if (v != null) {
                    Object cls = v instanceof Map<?, ?> m ? m.get("class_name") : v;
                    trainingOnly.add(where + ": " + k + " " + printable(String.valueOf(cls)));
                }
            }
        }

        /** Settings Lamina does not have, accepted only when off (null or false). */
        private void off(String... keys) throws ModelFormatException {
            for (String k : keys) {
                Object v = in.remove(k);
                if (v != null && !Boolean.FALSE.equals(v)) {
                    throw unsupported(k, v, "Lamina's " + cls + " has no " + k);
                }
            }
        }

        private void padding() throws ModelFormatException {
            Object p = in.remove("padding");
            if (p != null && !"valid".equals(p) && !"same".equals(p)) {
                throw unsupported("padding", p, "Lamina pads 'valid' or 'same'");
            }
            if (p != null) {
                out.put("padding", p);
            }
        }

        private void channelsLast() throws ModelFormatException {
            Object f = in.remove("data_format");
            if (f != null && !"channels_last".equals(f)) {
                throw unsupported("data_format", f, "Lamina computes channels_last");
            }
        }

        private void ones(String key) throws ModelFormatException {
            Object v = in.remove(key);
            List<?> values = v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
            for (Object d : values) {
                if (!(d instanceof Number n) || n.doubleValue() != 1) {
                    throw unsupported(key, v, "Lamina computes " + key + " 1");
                }
            }
        }

        private void equal(String key, Object expected) throws ModelFormatException {
            Object v = in.remove(key);
            if (v != null && !(v instanceof Number n && n.longValue() == (Long) expected && n.doubleValue()
                    == n.longValue())) {
                throw unsupported(key, v, "Lamina computes " + key + "=" + expected);
            }
        }

        private void activation(String key) throws ModelFormatException {
            Object v = in.remove(key);
            if (v instanceof Map<?, ?> m && m.get("config") instanceof String name) {
                // Keras 3 may write a built-in activation as {"class_name": "function", "config": "relu"}.
                v = name;
            }
            if (v == null) {
                return;
            }
            if (!(v instanceof String name)) {
                throw unsupported(key, v, "a custom activation object is not read");
            }
            try {
                Activations.get(name);
            } catch (IllegalArgumentException e) {
                throw unsupported(key, v, e.getMessage());
            }
            out.put(key, name);
        }

        /** Initializers matter only until weights are loaded; one Lamina lacks falls back to the layer's default. */
        private void initializers(String... keys) {
            for (String k : keys) {
                Object v = in.remove(k);
                String name = v instanceof String s ? s : v instanceof Map<?, ?> m && m.get("class_name") instanceof
                        String s2 ? s2 : null;
                if (name == null) {
                    continue;
                }
                try {
                    Initializers.get(name);
                    Map<String, Object> init = new LinkedHashMap<>();
                    init.put("class_name", name);
                    init.put("config", v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> c ? c
                            : Map.of());
                    out.put(k, init);
                } catch (IllegalArgumentException e) {
                    // Left out: the layer's default initializer; the file's weights replace it anyway.
                }
            }
        }

        private ModelFormatException unsupported(String key, Object value, String why) {
            String v = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
            return json.fail(where + ": unsupported setting " + printable(key) + "=" + printable(v) + " (" + why + ")");
        }
    }
}
