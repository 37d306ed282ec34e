package dev.lamina.models;

import dev.lamina.backend.ArrayArena;
import dev.lamina.core.Tensor;
import dev.lamina.layers.KerasTensor;
import dev.lamina.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a graph runs, fixed once per graph and mode: the nodes in order, each tensor numbered as a
 * slot of a value array (Keras' {@code _run_through_graph} keeps a dict from tensor to value), the
 * exact rewrites that apply, and, without a tape, the slots whose last reader has run, whose arrays
 * go back to the arena for later nodes.
 *
 * <p>A rewrite only ever replaces nodes whose intermediate values nothing else reads, and a slot is
 * released only after its last reader: a tensor read by two branches lives until both have run.
 */
final class ExecutionPlan {

    /** The rewrites tried at each node, first match wins. */
    private static final List<Rewrite> REWRITES = List.of(new PoolBeforeRelu(), new SoftmaxAsLogits(),
            new InPlaceBatchNorm(), new InPlaceRelu(), new InPlaceAdd());

    /**
     * What a plan is built for.
     *
     * @param training whether layers run in training mode
     * @param logits whether the single output is wanted before its softmax (for a fused loss)
     * @param release whether dead values go back to the arena (only without a tape: a recorded op
     *     may still read them in the backward pass)
     */
    record Mode(boolean training, boolean logits, boolean release) {
    }

    /** One step of the plan: one node, or several that a rewrite runs together. */
    abstract static class Step {
        /** The slots the step reads, in the layer's input order. */
        final int[] in;
        /** The slot the step writes. */
        final int out;
        /** The slots to release after this step (empty unless the mode releases). */
        int[] releaseAfter = new int[0];

        Step(int[] in, int out) {
            this.in = in;
            this.out = out;
        }

        /**
         * Runs the step.
         *
         * @param slots the values, by slot; the step may clear a slot whose value it consumes
         * @param mode the plan's mode
         * @return the value of {@link #out}
         */
        abstract Tensor run(Tensor[] slots, Mode mode);

        /** @return the layer the step calls (the first, when a rewrite runs several), for errors */
        abstract Layer layer();
    }

    /** A plain node: {@code layer(inputs...)}. */
    static final class LayerStep extends Step {
        private final Node node;

        LayerStep(Node node, int[] in, int out) {
            super(in, out);
            this.node = node;
        }

        @Override
        Tensor run(Tensor[] slots, Mode mode) {
            if (in.length == 1) {
                return node.layer().forward(slots[in[0]], mode.training());
            }
            List<Tensor> args = new ArrayList<>(in.length);
            for (int s : in) {
                args.add(slots[s]);
            }
            return node.layer().forward(args, mode.training());
        }

        @Override
        Layer layer() {
            return node.layer();
        }
    }

    /** What a rewrite sees of the graph it is asked about. */
    static final class Context {
        final List<Node> nodes;
        final Mode mode;
        private final Map<KerasTensor, Integer> slots;
        private final Map<KerasTensor, Integer> readers;
        private final Map<KerasTensor, Integer> lastReader;
        private final List<KerasTensor> inputs;
        private final List<KerasTensor> outputs;

        Context(Graph g, Mode mode, Map<KerasTensor, Integer> slots) {
            this.nodes = g.nodes();
            this.mode = mode;
            this.slots = slots;
            this.readers = g.consumerCounts();
            this.inputs = g.inputs();
            this.outputs = g.outputs();
            this.lastReader = new IdentityHashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                for (KerasTensor t : nodes.get(i).inputs()) {
                    lastReader.put(t, i);
                }
            }
        }

        /** @return the slot of a tensor */
        int slot(KerasTensor t) {
            return slots.get(t);
        }

        /** @return the slots of a node's inputs */
        int[] slots(Node n) {
            int[] s = new int[n.inputs().size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = slot(n.inputs().get(i));
            }
            return s;
        }

        /** @return how many node inputs read the tensor */
        int readers(KerasTensor t) {
            return readers.getOrDefault(t, 0);
        }

        /** @return whether the tensor is one of the model's outputs */
        boolean isOutput(KerasTensor t) {
            return outputs.stream().anyMatch(o -> o == t);
        }

        /** @return whether the tensor is one of the model's inputs (the caller's arrays: never released) */
        boolean isInput(KerasTensor t) {
            return inputs.stream().anyMatch(o -> o == t);
        }

        /** @return whether node {@code i} is the last to read the tensor, which no caller will see */
        boolean diesAt(KerasTensor t, int i) {
            return lastReader.getOrDefault(t, -1) == i && !isOutput(t) && !isInput(t);
        }

        /** @return whether the model has exactly one output */
        boolean singleOutput() {
            return outputs.size() == 1;
        }
    }

    /** An exact replacement of the plain step at a node. */
    interface Rewrite {
        /**
         * The step replacing node {@code i} (and possibly the nodes after it), or {@code null}.
         *
         * @param c the graph and mode
         * @param i the node's index
         * @return the replacement and how many nodes it covers, or {@code null} when it does not apply
         */
        Match at(Context c, int i);
    }

    /**
     * A rewrite's step and the number of nodes it runs.
     *
     * @param step the step
     * @param nodes how many consecutive nodes it covers
     */
    record Match(Step step, int nodes) {
    }

    private final Step[] steps;
    private final int slotCount;
    private final int[] inputSlots;
    private final int[] outputSlots;
    private final Mode mode;
    /** The value array of the last call, reused by the next (a map per call was measurable garbage). */
    private final AtomicReference<Tensor[]> spare = new AtomicReference<>();

    private ExecutionPlan(Step[] steps, int slotCount, int[] inputSlots, int[] outputSlots, Mode mode) {
        this.steps = steps;
        this.slotCount = slotCount;
        this.inputSlots = inputSlots;
        this.outputSlots = outputSlots;
        this.mode = mode;
    }

    /** Builds the plan of a graph for a mode. */
    static ExecutionPlan build(Graph g, Mode mode) {
        Map<KerasTensor, Integer> slots = new IdentityHashMap<>();
        for (KerasTensor t : g.inputs()) {
            slots.put(t, slots.size());
        }
        for (Node n : g.nodes()) {
            slots.putIfAbsent(n.output(), slots.size());
        }
        Context c = new Context(g, mode, slots);
        List<Step> steps = new ArrayList<>();
        List<Node> nodes = g.nodes();
        for (int i = 0; i < nodes.size(); ) {
            Match m = null;
            for (Rewrite r : REWRITES) {
                m = r.at(c, i);
                if (m != null) {
                    break;
                }
            }
            if (m == null) {
                m = new Match(new LayerStep(nodes.get(i), c.slots(nodes.get(i)), c.slot(nodes.get(i).output())), 1);
            }
            steps.add(m.step());
            i += m.nodes();
        }
        int[] inputSlots = g.inputs().stream().mapToInt(c::slot).toArray();
        int[] outputSlots = g.outputs().stream().mapToInt(c::slot).toArray();
        if (mode.release()) {
            markReleases(steps, inputSlots, outputSlots);
        }
        return new ExecutionPlan(steps.toArray(new Step[0]), slots.size(), inputSlots, outputSlots, mode);
    }

    /** Each slot is released after the last step that reads it, unless the caller owns or receives it. */
    private static void markReleases(List<Step> steps, int[] inputSlots, int[] outputSlots) {
        Map<Integer, Integer> last = new java.util.HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            for (int s : steps.get(i).in) {
                last.put(s, i);
            }
        }
        for (int s : inputSlots) {
            last.remove(s);
        }
        for (int s : outputSlots) {
            last.remove(s);
        }
        List<List<Integer>> after = new ArrayList<>();
        steps.forEach(st -> after.add(new ArrayList<>()));
        last.forEach((slot, step) -> after.get(step).add(slot));
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).releaseAfter = after.get(i).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
    }

    /**
     * Runs the graph: Keras' walk over the nodes, every value kept by its slot until its last reader.
     *
     * @param inputs the model's inputs, in order
     * @param outputs filled with the model's outputs, in order
     */
    void run(Tensor[] inputs, Tensor[] outputs) {
        Tensor[] values = spare.getAndSet(null);
        if (values == null) {
            values = new Tensor[slotCount];
        }
        try {
            for (int i = 0; i < inputSlots.length; i++) {
                values[inputSlots[i]] = inputs[i];
            }
            for (Step step : steps) {
                // Kept before the call: a step may clear the slot of a value it consumes.
                Tensor first = step.in.length == 0 ? null : values[step.in[0]];
                try {
                    values[step.out] = step.run(values, mode);
                } catch (RuntimeException e) {
                    throw LayerCallException.wrap(e, step.layer(), inputsOf(step, values, first), mode.training());
                }
                for (int s : step.releaseAfter) {
                    Tensor dead = values[s];
                    values[s] = null;
                    if (dead != null) {
                        releaseUnlessShared(dead, values);
                    }
                }
            }
            for (int i = 0; i < outputSlots.length; i++) {
                outputs[i] = values[outputSlots[i]];
            }
        } finally {
            Arrays.fill(values, null);
            spare.set(values);
        }
    }

    private static List<Tensor> inputsOf(Step step, Tensor[] values, Tensor first) {
        List<Tensor> in = new ArrayList<>(step.in.length);
        for (int i = 0; i < step.in.length; i++) {
            in.add(i == 0 ? first : values[step.in[i]]);
        }
        return in;
    }

    /** Hands a dead value's array back to the arena unless a live value shares its buffer (a view). */
    static void releaseUnlessShared(Tensor dead, Tensor[] live) {
        if (!sharesBuffer(dead, live)) {
            ArrayArena.release(dead.value());
        }
    }

    /** Whether a value held in {@code live} uses {@code t}'s buffer (itself, a view, or an in-place result). */
    static boolean sharesBuffer(Tensor t, Tensor[] live) {
        for (Tensor other : live) {
            if (other != null && ArrayArena.shareBuffer(t.value(), other.value())) {
                return true;
            }
        }
        return false;
    }

    /** @return each step's kind: {@code LayerStep}, or the rewrite that made it, for tests */
    List<String> stepKinds() {
        return Arrays.stream(steps).map(s -> s instanceof LayerStep ? "LayerStep"
                : s.getClass().getEnclosingClass().getSimpleName()).toList();
    }
}
