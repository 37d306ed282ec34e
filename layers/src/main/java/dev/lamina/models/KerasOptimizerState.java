package dev.lamina.models;

import dev.lamina.layers.Weight;
import dev.lamina.optim.Adam;
import dev.lamina.optim.Optimizer;
import dev.lamina.optim.Optimizers;
import dev.lamina.saving.h5.H5Tree;
import dev.lamina.saving.h5.KerasV3Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An optimizer's state in Keras 3's weights file, group {@code optimizer/vars}: {@code 0} the step
 * count (int64 scalar), {@code 1} the learning rate (float32 scalar), then the slots of the model's
 * trainable variables (in {@code model.trainable_variables} order) as Keras' optimizers create
 * them: Adam's momentum and velocity interleaved per variable, then, with AMSGrad, every
 * velocity_hat; RMSprop every velocity, then every momentum (momentum &gt; 0), then every
 * average_gradient (centered); SGD every momentum (momentum &ne; 0). The group's {@code name}
 * attribute is the optimizer's Keras name.
 *
 * <p>Reading follows Keras' {@code load_own_variables}: a group whose variable count or shapes do
 * not fit the model's optimizer is skipped with a warning, and the optimizer starts afresh.
 */
final class KerasOptimizerState {

    /** The path of the optimizer's object in the weights file. */
    static final String PATH = "optimizer";
    private static final Logger LOG = LoggerFactory.getLogger(KerasOptimizerState.class);

    /** One stored slot: the trainable variable it belongs to and the slot's name in Lamina's optimizer. */
    private record Slot(int variable, String name) {
    }

    private KerasOptimizerState() {
    }

    /**
     * Adds the compiled model's optimizer state to a Keras 3 weights file; slots of variables not
     * updated yet are written as zeros, as Keras' built optimizer holds them.
     *
     * @param model a compiled model
     * @param root the file's root group
     * @throws IllegalArgumentException when the optimizer is not one of Keras' (its slots' order is
     *     unknown)
     */
    static void write(Model model, H5Tree root) {
        Optimizer o = model.optimizer();
        List<INDArray> variables = trainable(model);
        List<String> names = slotNames(o);
        H5Tree vars = root.group(PATH).group("vars").attribute("name", o.name());
        vars.dataset("0", Nd4j.scalar(o.iterations()));
        vars.dataset("1", Nd4j.scalar((float) learningRate(o)));
        List<Slot> order = order(o, names, variables.size(), false);
        for (int i = 0; i < order.size(); i++) {
            Slot s = order.get(i);
            INDArray v = variables.get(s.variable());
            INDArray value = o.slots(v).get(s.name());
            vars.dataset(Integer.toString(i + 2), value != null ? value : Nd4j.zeros(DataType.FLOAT, v.shape()));
        }
    }

    /**
     * The optimizer's name as the file records it, for a file whose compile settings do not name
     * the optimizer.
     *
     * @param weights the file's weights
     * @return the name of the optimizer whose state the file holds, or empty
     */
    static Optional<String> storedName(KerasV3Weights weights) {
        return weights.storedName(PATH);
    }

    /**
     * Restores the step count, learning rate and slots of the compiled model's optimizer from the
     * file, all or nothing.
     *
     * @param model a compiled model with the file's weights
     * @param weights the file's weights
     * @param file the file, for messages
     * @return whether state was restored; false when the file holds none or it does not fit (logged)
     */
    static boolean read(Model model, KerasV3Weights weights, Path file) {
        if (!weights.hasGroup(PATH + "/vars")) {
            return false;
        }
        Optimizer o = model.optimizer();
        List<INDArray> variables = trainable(model);
        List<long[]> shapes = weights.shapes(PATH);
        List<String> names = slotNames(o);
        int expected = 2 + names.size() * variables.size();
        String where = weights.where(PATH, 0).replaceAll("/0$", "");
        if (shapes.size() != expected) {
            LOG.warn("{}: {} holds {} variables, but optimizer \"{}\" of model \"{}\" has {} (step count, learning "
                    + "rate and {} slots for each of {} trainable weights); it starts afresh, as in Keras",
                    file, where, shapes.size(), o.name(), model.name(), expected, names.size(), variables.size());
            return false;
        }
        List<Slot> order = null;
        for (boolean grouped : new boolean[] {false, true}) {
            List<Slot> candidate = order(o, names, variables.size(), grouped);
            if (fits(candidate, shapes, variables)) {
                order = candidate;
                break;
            }
        }
        if (order == null || shapes.get(0).length != 0 || shapes.get(1).length != 0) {
            LOG.warn("{}: the shapes of {} do not fit optimizer \"{}\" of model \"{}\" (expected two scalars, then "
                    + "slots of the trainable weights' shapes); it starts afresh", file, where, o.name(), model.name());
            return false;
        }
        List<INDArray> values = weights.read(PATH);
        INDArray iterations = values.get(0);
        if (iterations.dataType().isFPType() || iterations.getLong(0) < 0) {
            LOG.warn("{}: {} is not a step count ({}); optimizer \"{}\" starts afresh", file, weights.where(PATH, 0),
                    iterations, o.name());
            return false;
        }
        Map<INDArray, Map<String, INDArray>> slots = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Slot s = order.get(i);
            slots.computeIfAbsent(variables.get(s.variable()), v -> new LinkedHashMap<>()).put(s.name(),
                    values.get(i + 2));
        }
        o.iterations(iterations.getLong(0));
        float rate = values.get(1).getFloat(0);
        // The file holds the rate as float32: the exact rate of the compile settings is kept unless
        // training changed it (a callback such as ReduceLROnPlateau).
        if (rate != (float) learningRate(o)) {
            o.learningRate(rate);
        }
        slots.forEach(o::restoreSlots);
        return true;
    }

    private static boolean fits(List<Slot> order, List<long[]> shapes, List<INDArray> variables) {
        for (int i = 0; i < order.size(); i++) {
            if (!Arrays.equals(shapes.get(i + 2), variables.get(order.get(i).variable()).shape())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keras' order of the slot variables. Adam's momentum and velocity are interleaved per variable
     * in the Keras versions of the shared files; {@code grouped} gives the order of the Keras
     * versions that create each kind for all variables in turn.
     */
    private static List<Slot> order(Optimizer o, List<String> names, int variables, boolean grouped) {
        List<List<String>> blocks = new ArrayList<>();
        int start = 0;
        if (o instanceof Adam && names.size() >= 2 && !grouped) {
            blocks.add(names.subList(0, 2));
            start = 2;
        }
        for (String n : names.subList(start, names.size())) {
            blocks.add(List.of(n));
        }
        List<Slot> out = new ArrayList<>();
        for (List<String> block : blocks) {
            for (int v = 0; v < variables; v++) {
                for (String n : block) {
                    out.add(new Slot(v, n));
                }
            }
        }
        return out;
    }

    /**
     * The optimizer's slot names in Keras' order, from a copy of it, so that no slot is created here.
     *
     * @throws IllegalArgumentException when the optimizer cannot be copied from its config
     */
    private static List<String> slotNames(Optimizer o) {
        Optimizer copy = Optimizers.fromConfig(o.getConfig());
        INDArray probe = Nd4j.zeros(DataType.FLOAT, 1);
        copy.restoreSlots(probe, Map.of());
        List<String> names = new ArrayList<>(copy.slots(probe).keySet());
        copy.freeSlots(List.of(probe));
        return names;
    }

    private static double learningRate(Optimizer o) {
        return o.learningRate();
    }

    /** The values of the weights the optimizer updates, in {@code model.trainable_variables} order. */
    private static List<INDArray> trainable(Model model) {
        return model.weights().stream().filter(Weight::isTrainable).map(Weight::value).toList();
    }
}
