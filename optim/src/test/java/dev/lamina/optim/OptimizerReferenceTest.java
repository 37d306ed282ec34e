package dev.lamina.optim;

import dev.lamina.testing.ReferenceCase;
import dev.lamina.testing.ReferenceCases;
import dev.lamina.testing.ReferenceOps;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every optimizer case of the shared reference folder: the optimizer built from the case's Keras
 * parameters applies the case's gradients step by step; weights and slots are checked after each,
 * once with float32 variables and once with float64 ones, against the same expected values.
 */
class OptimizerReferenceTest {

    @TestFactory
    Stream<DynamicTest> referenceCases() {
        Consumer<ReferenceCase> run = OptimizerReferenceTest::run;
        Map<String, Consumer<ReferenceCase>> runners = Map.of("sgd", run, "sgd_momentum", run, "sgd_nesterov", run,
                "rmsprop", run, "adam", run);
        return ReferenceCases.tests(runners, ReferenceOps.checkedElsewhere("lamina-optim"));
    }

    @SuppressWarnings("unchecked")
    static Optimizer fromParams(com.fasterxml.jackson.databind.JsonNode p) {
        Map<String, Object> config = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(p, Map.class);
        config.putIfAbsent("name", config.get("optimizer"));
        return Optimizers.fromConfig(config);
    }

    private static void run(ReferenceCase c) {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            try {
                run(c, type);
            } catch (AssertionError e) {
                throw new AssertionError(type + ": " + e.getMessage(), e);
            }
        }
    }

    private static void run(ReferenceCase c, DataType type) {
        Optimizer opt = fromParams(c.params());
        INDArray w = c.input("w0").castTo(type).dup();
        INDArray grads = c.input("grads").castTo(type);
        int steps = (int) grads.size(0);
        INDArray[] weights = new INDArray[steps];
        Map<String, INDArray[]> slotHistory = new java.util.HashMap<>();
        for (int t = 0; t < steps; t++) {
            opt.applyGradients(List.of(step(grads, t)), List.of(w));
            weights[t] = w.dup();
            for (Map.Entry<String, INDArray> e : opt.slots(w).entrySet()) {
                slotHistory.computeIfAbsent(e.getKey(), k -> new INDArray[steps])[t] = e.getValue().dup();
            }
        }
        c.check("weights", Nd4j.stack(0, weights));
        for (String slot : List.of("momentums", "velocities")) {
            if (c.hasExpected(slot)) {
                INDArray[] history = slotHistory.get(slot);
                if (history == null) {
                    throw new AssertionError(c.name() + ": optimizer " + opt.name() + " has no slot " + slot);
                }
                c.check(slot, Nd4j.stack(0, history));
            }
        }
    }

    private static INDArray step(INDArray grads, int t) {
        INDArray g = grads.get(NDArrayIndex.point(t));
        return g.dup();
    }
}
