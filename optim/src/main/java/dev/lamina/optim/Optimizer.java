package dev.lamina.optim;

import dev.lamina.backend.NativeMemory;
import dev.lamina.core.GradMode;
import dev.lamina.core.Tensor;
import dev.lamina.optim.schedules.LearningRateSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The base of Keras' optimizers: learning rate (constant, legacy {@code decay}, or a schedule),
 * gradient clipping ({@code clipnorm}, {@code clipvalue}, {@code global_clipnorm}), decoupled
 * {@code weight_decay}, the iteration counter, and per-variable slot arrays. Subclasses name their
 * slots and implement {@link #updateStep} for one variable; an update that acts element by element
 * extends {@link ElementwiseOptimizer}, which states it once for every data type and layout.
 */
public abstract class Optimizer {

    /** The key of the step counter among the optimizer's own variables. */
    private static final String ITERATIONS = "iterations";

    private double learningRate;
    private LearningRateSchedule schedule;
    private double decay;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private double weightDecay;
    private long iterations;
    private final Map<INDArray, Map<String, INDArray>> slots = new IdentityHashMap<>();
    /** {@link #step}'s pairs, refilled per call: a step runs once per batch. */
    private final List<INDArray> stepGradients = new ArrayList<>();
    private final List<INDArray> stepValues = new ArrayList<>();

    /**
     * @param learningRate the initial learning rate
     */
    protected Optimizer(double learningRate) {
        learningRate(learningRate);
    }

    /** @return Keras' name, e.g. {@code "adam"} */
    public abstract String name();

    /** @return the names of this optimizer's slots per variable, in Keras' order */
    protected abstract List<String> slotNames();

    /**
     * One update of one variable, in place: the optimizer's formula.
     *
     * @param gradient the (clipped) gradient
     * @param variable the variable to update in place
     * @param slots this variable's slot arrays by name
     * @param learningRate the learning rate of this step
     * @param step this step's number, 1 for the first
     */
    protected abstract void updateStep(INDArray gradient, INDArray variable, Map<String, INDArray> slots,
            double learningRate, long step);

    /**
     * Applies one step to every variable from its accumulated gradient ({@link Tensor#grad()});
     * variables without a gradient are left alone.
     *
     * @param variables the trainable variables
     */
    public void step(List<Tensor> variables) {
        stepGradients.clear();
        stepValues.clear();
        for (Tensor v : variables) {
            if (v.grad() != null) {
                stepGradients.add(v.grad());
                stepValues.add(v.value());
            }
        }
        try {
            applyGradients(stepGradients, stepValues);
        } finally {
            stepGradients.clear();
            stepValues.clear();
        }
    }

    /**
     * Keras' {@code apply_gradients}: one step for each (gradient, variable) pair.
     *
     * @param gradients the gradients
     * @param variables the variables, updated in place
     */
    public void applyGradients(List<INDArray> gradients, List<INDArray> variables) {
        if (gradients.size() != variables.size()) {
            throw new IllegalArgumentException(name() + ": " + gradients.size() + " gradients for " + variables.size()
                    + " variables");
        }
        try (GradMode.Scope s = GradMode.disabled()) {
            List<INDArray> grads = clip(gradients);
            double lr = currentLearningRate();
            long step = iterations + 1;
            for (int i = 0; i < variables.size(); i++) {
                INDArray variable = variables.get(i);
                INDArray g = grads.get(i);
                if (!Arrays.equals(g.shape(), variable.shape())) {
                    throw new IllegalArgumentException(name() + ": gradient of shape " + Arrays.toString(g.shape())
                            + " for a variable of shape " + Arrays.toString(variable.shape()));
                }
                if (weightDecay != 0) {
                    // Keras 3's decoupled weight decay, applied before the update.
                    variable.subi(variable.mul(weightDecay * lr));
                }
                updateStep(g, variable, slotsOf(variable), lr, step);
            }
            iterations++;
        }
    }

    /**
     * The learning rate the next step uses: the schedule's value at the current iteration, or the
     * constant rate with Keras 2's legacy decay {@code lr / (1 + decay * iterations)}.
     *
     * @return the learning rate
     */
    public double currentLearningRate() {
        double lr = schedule != null ? schedule.at(iterations) : learningRate;
        return decay > 0 ? lr / (1 + decay * iterations) : lr;
    }

    private List<INDArray> clip(List<INDArray> gradients) {
        if (clipvalue == null && clipnorm == null && globalClipnorm == null) {
            return gradients;
        }
        List<INDArray> out = new ArrayList<>(gradients);
        if (clipvalue != null) {
            double v = clipvalue;
            out.replaceAll(g -> Transforms.min(Transforms.max(g, -v, true), v, false));
        }
        if (clipnorm != null) {
            double c = clipnorm;
            out.replaceAll(g -> {
                double norm = g.norm2Number().doubleValue();
                return norm > c ? g.mul(c / norm) : g;
            });
        }
        if (globalClipnorm != null) {
            double sq = 0;
            for (INDArray g : out) {
                double n = g.norm2Number().doubleValue();
                sq += n * n;
            }
            double norm = Math.sqrt(sq);
            if (norm > globalClipnorm) {
                double scale = globalClipnorm / norm;
                out.replaceAll(g -> g.mul(scale));
            }
        }
        return out;
    }

    private Map<String, INDArray> slotsOf(INDArray variable) {
        Map<String, INDArray> known = slots.get(variable);
        if (known != null) {
            return known;
        }
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String name : slotNames()) {
            m.put(name, Nd4j.zeros(variable.dataType(), variable.shape()));
        }
        slots.put(variable, m);
        return m;
    }

    /**
     * The slot arrays of one variable (Keras' {@code momentums}, {@code velocities}, …), created
     * on its first update.
     *
     * @param variable the variable
     * @return its slots by name (live arrays), empty before its first update
     */
    public Map<String, INDArray> slots(INDArray variable) {
        Map<String, INDArray> m = slots.get(variable);
        return m == null ? Map.of() : m;
    }

    /**
     * Frees the native memory of these variables' slot arrays at once and forgets them, for a model
     * that is closed; a variable updated again afterwards starts with fresh zero slots.
     *
     * @param variables the variables whose slots go (others keep theirs)
     */
    public void freeSlots(List<INDArray> variables) {
        for (INDArray variable : variables) {
            Map<String, INDArray> m = slots.remove(variable);
            if (m != null) {
                slotsForgotten(m);
                m.values().forEach(NativeMemory::free);
            }
        }
    }

    /**
     * Called when a variable's slots are forgotten, so that a subclass drops what it keeps about
     * them; does nothing by default.
     *
     * @param variableSlots the forgotten slots, as {@link #slots} returned them
     */
    protected void slotsForgotten(Map<String, INDArray> variableSlots) {
    }

    /**
     * Restores a variable's slots, e.g. from a saved model; the arrays are copied in.
     *
     * @param variable the variable
     * @param values its slots by name, each of the variable's shape
     * @throws IllegalArgumentException naming an unknown slot or a wrong shape
     */
    public void restoreSlots(INDArray variable, Map<String, INDArray> values) {
        Map<String, INDArray> target = slotsOf(variable);
        for (Map.Entry<String, INDArray> e : values.entrySet()) {
            INDArray slot = target.get(e.getKey());
            if (slot == null) {
                throw new IllegalArgumentException(name() + " has no slot \"" + e.getKey() + "\"; its slots are "
                        + target.keySet());
            }
            if (!Arrays.equals(slot.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException(name() + " slot \"" + e.getKey() + "\" has shape "
                        + Arrays.toString(slot.shape()) + ", the given array " + Arrays.toString(e.getValue().shape()));
            }
            slot.assign(e.getValue());
        }
    }

    /**
     * Writes the optimizer's own variables into {@code store}, as Keras 3's {@code
     * save_own_variables}: the step counter as a scalar under {@code "iterations"}, and each slot of
     * {@code variables.get(i)} under {@code "<i>/<slot name>"} (live arrays; read the store before the
     * next step). Variables without slots yet (never updated) write none.
     *
     * @param variables the variables the optimizer updates, in a fixed order (a model's weights)
     * @param store the variables by name
     */
    public void saveOwnVariables(List<INDArray> variables, Map<String, INDArray> store) {
        store.put(ITERATIONS, Nd4j.scalar(iterations));
        for (int i = 0; i < variables.size(); i++) {
            for (Map.Entry<String, INDArray> e : slots(variables.get(i)).entrySet()) {
                store.put(i + "/" + e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Reads variables written by {@link #saveOwnVariables}, as Keras 3's {@code load_own_variables};
     * the store may hold any part of them (missing slots start at zero, as at a first update).
     *
     * @param variables the variables the optimizer updates, in the order they were saved in
     * @param store the variables by name
     * @throws IllegalArgumentException naming the key when it is unknown, names no variable, or its
     *     array does not fit
     */
    public void loadOwnVariables(List<INDArray> variables, Map<String, INDArray> store) {
        for (Map.Entry<String, INDArray> e : store.entrySet()) {
            String key = e.getKey();
            if (ITERATIONS.equals(key)) {
                if (e.getValue().length() != 1 || e.getValue().getLong(0) < 0) {
                    throw new IllegalArgumentException(name() + ": \"iterations\" must be one count of at least 0");
                }
                iterations(e.getValue().getLong(0));
                continue;
            }
            int slash = key.indexOf('/');
            int index = -1;
            if (slash > 0) {
                try {
                    index = Integer.parseInt(key.substring(0, slash));
                } catch (NumberFormatException notAnIndex) {
                    index = -1;
                }
            }
            if (index < 0 || index >= variables.size()) {
                throw new IllegalArgumentException(name() + " has no variable \"" + key + "\": keys are \"iterations\""
                        + " and \"<variable index>/<slot>\" for " + variables.size() + " variables");
            }
            restoreSlots(variables.get(index), Map.of(key.substring(slash + 1), e.getValue()));
        }
    }

    /** @return how many steps were applied (Keras' {@code iterations}) */
    public long iterations() {
        return iterations;
    }

    /**
     * Sets the step counter, e.g. when restoring a saved optimizer.
     *
     * @param iterations the number of steps already applied
     * @return this optimizer
     */
    public Optimizer iterations(long iterations) {
        this.iterations = iterations;
        return this;
    }

    /** @return the constant learning rate (ignored while a schedule is set) */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Keras 2's name for the learning rate ({@code Adam(lr=0.01)}): {@link #learningRate(double)}.
     *
     * @param learningRate a positive rate
     * @return this optimizer
     */
    public Optimizer lr(double learningRate) {
        return learningRate(learningRate);
    }

    /**
     * Sets a constant learning rate and removes any schedule.
     *
     * @param learningRate a positive rate
     * @return this optimizer
     */
    public Optimizer learningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be a positive number. Received: learning_rate="
                    + learningRate);
        }
        this.learningRate = learningRate;
        this.schedule = null;
        return this;
    }

    /**
     * Uses a learning-rate schedule, evaluated at each step's iteration count.
     *
     * @param schedule the schedule
     * @return this optimizer
     */
    public Optimizer learningRate(LearningRateSchedule schedule) {
        this.schedule = schedule;
        this.learningRate = schedule.at(0);
        return this;
    }

    /** @return the schedule, or {@code null} */
    public LearningRateSchedule schedule() {
        return schedule;
    }

    /**
     * Keras 2's legacy inverse-time decay: {@code lr / (1 + decay * iterations)}.
     *
     * @param decay a non-negative rate
     * @return this optimizer
     */
    public Optimizer decay(double decay) {
        this.decay = nonNegative("decay", decay);
        return this;
    }

    /**
     * Keras 3's decoupled weight decay: before each update, {@code w -= w * weightDecay * lr}.
     *
     * @param weightDecay a non-negative factor
     * @return this optimizer
     */
    public Optimizer weightDecay(double weightDecay) {
        this.weightDecay = nonNegative("weight_decay", weightDecay);
        return this;
    }

    /**
     * Clips each gradient to this L2 norm.
     *
     * @param clipnorm a positive norm
     * @return this optimizer
     */
    public Optimizer clipnorm(double clipnorm) {
        this.clipnorm = positive("clipnorm", clipnorm);
        return this;
    }

    /**
     * Clips each gradient element to {@code [-clipvalue, clipvalue]}.
     *
     * @param clipvalue a positive bound
     * @return this optimizer
     */
    public Optimizer clipvalue(double clipvalue) {
        this.clipvalue = positive("clipvalue", clipvalue);
        return this;
    }

    /**
     * Clips all gradients together to this global L2 norm.
     *
     * @param globalClipnorm a positive norm
     * @return this optimizer
     */
    public Optimizer globalClipnorm(double globalClipnorm) {
        this.globalClipnorm = positive("global_clipnorm", globalClipnorm);
        return this;
    }

    /** @return the legacy decay */
    public double decay() {
        return decay;
    }

    /** @return the decoupled weight decay */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * Keras-style configuration: name, learning rate and the base options; subclasses add theirs.
     *
     * @return the config
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", learningRate);
        if (decay != 0) {
            c.put("decay", decay);
        }
        if (weightDecay != 0) {
            c.put("weight_decay", weightDecay);
        }
        if (clipnorm != null) {
            c.put("clipnorm", clipnorm);
        }
        if (clipvalue != null) {
            c.put("clipvalue", clipvalue);
        }
        if (globalClipnorm != null) {
            c.put("global_clipnorm", globalClipnorm);
        }
        return c;
    }

    /**
     * Checks a hyper-parameter lies in {@code [0, 1)}.
     *
     * @param name the Keras name
     * @param value the value
     * @return the value
     */
    protected static double unitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1). Received: " + name + "=" + value);
        }
        return value;
    }

    /**
     * Checks a hyper-parameter is positive.
     *
     * @param name the Keras name
     * @param value the value
     * @return the value
     */
    protected static double positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive. Received: " + name + "=" + value);
        }
        return value;
    }

    private static double nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be non-negative. Received: " + name + "=" + value);
        }
        return value;
    }
}
