package dev.lamina.models;

import dev.lamina.core.ops.Ops;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.core.Tensor;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerRegistry;
import dev.lamina.layers.Weight;
import dev.lamina.losses.CategoricalCrossentropy;
import dev.lamina.optim.Optimizers;
import dev.lamina.testing.ReferenceCase;
import dev.lamina.testing.ReferenceCases;
import dev.lamina.testing.ReferenceOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The model-level reference cases: end-to-end training steps and summaries. */
class ModelsReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> referenceCases() {
        Map<String, Consumer<ReferenceCase>> runners = Map.of(
                "train_tiny_cnn", ModelsReferenceTest::trainTinyCnn,
                "summary", ModelsReferenceTest::summary);
        Map<String, String> elsewhere = new java.util.HashMap<>(ReferenceOps.checkedElsewhere("lamina-layers"));
        ReferenceOps.CORE.forEach(op -> elsewhere.put(op, "lamina-core and lamina-layers' LayersReferenceTest"));
        return ReferenceCases.tests(runners, elsewhere);
    }

    @SuppressWarnings("unchecked")
    private static Sequential sequential(JsonNode layerConfigs, JsonNode inputShape) {
        Sequential model = new Sequential();
        boolean first = true;
        for (JsonNode lc : layerConfigs) {
            Map<String, Object> config = JSON.convertValue(lc, Map.class);
            if (first && inputShape != null && !config.containsKey("input_shape")) {
                config.put("input_shape", JSON.convertValue(inputShape, List.class));
            }
            first = false;
            model.add(LayerRegistry.fromConfig((String) config.get("class_name"), config));
        }
        return model;
    }

    @SuppressWarnings("unchecked")
    private static void trainTinyCnn(ReferenceCase c) {
        Sequential model = sequential(c.params().path("model"), null);
        List<String> names = List.of("conv_kernel", "conv_bias", "dense_kernel", "dense_bias");
        List<Weight> weights = model.weights();
        assertThat(weights).hasSize(4);
        for (int i = 0; i < 4; i++) {
            weights.get(i).value().assign(c.input(names.get(i)));
        }
        INDArray x = c.input("x");
        INDArray y = c.input("y_true");
        c.check("probs_initial", model.predict(x));

        // First-step gradients of the mean loss, through the layers.
        Tensor loss = Ops.mean(new CategoricalCrossentropy().perSample(y, model.forward(Tensor.constant(x), true)));
        loss.backward();
        for (int i = 0; i < 4; i++) {
            c.check("grad_" + names.get(i), weights.get(i).variable().grad());
            weights.get(i).variable().zeroGrad();
        }

        Map<String, Object> opt = JSON.convertValue(c.params().path("optimizer"), Map.class);
        model.compile(Optimizers.fromConfig(opt), c.params().path("loss").asText());
        int steps = c.params().path("steps").asInt();
        double[] losses = new double[steps];
        List<List<INDArray>> after = new ArrayList<>();
        names.forEach(n -> after.add(new ArrayList<>()));
        for (int t = 0; t < steps; t++) {
            losses[t] = model.trainOnBatch(x, y).loss();
            for (int i = 0; i < 4; i++) {
                after.get(i).add(weights.get(i).value().dup());
            }
        }
        c.check("loss", Nd4j.createFromArray(losses));
        for (int i = 0; i < 4; i++) {
            c.check(names.get(i) + "_after", Nd4j.stack(0, after.get(i).toArray(new INDArray[0])));
        }
        c.check("loss_final", model.evaluate(x, y).asMap().entrySet().stream().filter(e -> e.getKey().equals("loss"))
                .map(e -> Nd4j.scalar(e.getValue())).findFirst().orElseThrow());
    }

    private static void summary(ReferenceCase c) {
        Sequential model = sequential(c.params().path("layers"), c.params().path("input_shape"));
        JsonNode expected = c.json().path("expected_summary");
        List<Layer> layers = model.layers();
        JsonNode rows = expected.path("layers");
        assertThat(layers).as(c.name() + " layer count").hasSize(rows.size());
        List<Map.Entry<Layer, long[]>> shapes = model.layerShapes();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            Layer l = layers.get(i);
            String what = c.name() + " layer " + i + " (" + l + ")";
            assertThat(l.className()).as(what).isEqualTo(row.path("class_name").asText());
            List<Long> shape = new ArrayList<>();
            row.path("output_shape").forEach(d -> shape.add(d.isNull() ? -1L : d.asLong()));
            assertThat(shapes.get(i).getValue()).as(what + " output shape")
                    .containsExactly(shape.stream().mapToLong(Long::longValue).toArray());
            assertThat(l.countParams()).as(what + " params").isEqualTo(row.path("param_count").asLong());
            assertThat(l.trainableWeights().stream().mapToLong(w -> w.value().length()).sum())
                    .as(what + " trainable").isEqualTo(row.path("trainable_params").asLong());
        }
        String text = model.summaryString();
        assertThat(text).contains(String.format("Total params: %,d", expected.path("total_params").asLong()))
                .contains(String.format("Trainable params: %,d", expected.path("trainable_params").asLong()))
                .contains(String.format("Non-trainable params: %,d", expected.path("non_trainable_params").asLong()));
    }
}
