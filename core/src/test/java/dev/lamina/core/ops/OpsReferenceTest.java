package dev.lamina.core.ops;

import dev.lamina.core.Tensor;
import dev.lamina.testing.ReferenceCase;
import dev.lamina.testing.ReferenceCases;
import dev.lamina.testing.ReferenceOps;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs every case of the shared reference folder whose op lives in core, through the ops. */
class OpsReferenceTest {

    @TestFactory
    Stream<DynamicTest> referenceCases() {
        Map<String, Consumer<ReferenceCase>> runners = Map.ofEntries(
                Map.entry("conv2d", OpsReferenceTest::conv2d),
                Map.entry("max_pooling2d", c -> pooling(c, true)),
                Map.entry("average_pooling2d", c -> pooling(c, false)),
                Map.entry("dense", OpsReferenceTest::dense),
                Map.entry("flatten", OpsReferenceTest::flatten),
                Map.entry("batch_normalization", OpsReferenceTest::batchNormalization),
                Map.entry("relu", c -> activation(c, Ops::relu)),
                Map.entry("tanh", c -> activation(c, Ops::tanh)),
                Map.entry("sigmoid", c -> activation(c, Ops::sigmoid)),
                Map.entry("softmax", c -> activation(c, Ops::softmax)),
                Map.entry("categorical_crossentropy", c -> crossEntropy(c, false)),
                Map.entry("sparse_categorical_crossentropy", c -> crossEntropy(c, true)));
        return ReferenceCases.tests(runners, ReferenceOps.checkedElsewhere("lamina-core"));
    }

    private static void conv2d(ReferenceCase c) {
        Tensor x = Tensor.variable(c.input("x"));
        Tensor kernel = Tensor.variable(c.input("kernel"));
        boolean useBias = c.params().path("use_bias").asBoolean(true);
        Tensor bias = useBias ? Tensor.variable(c.input("bias")) : null;
        Tensor y = Conv2dOp.apply(x, kernel, bias, c.intPair("strides"), Padding.of(c.params().path("padding").asText()));
        y.backward(c.input("dy"));
        c.check("y", y.value());
        c.check("dx", x.grad());
        c.check("dkernel", kernel.grad());
        if (useBias) {
            c.check("dbias", bias.grad());
        }
    }

    private static void pooling(ReferenceCase c, boolean max) {
        Tensor x = Tensor.variable(c.input("x"));
        int[] pool = c.intPair("pool_size");
        int[] strides = c.params().has("strides") && !c.params().path("strides").isNull() ? c.intPair("strides") : pool;
        Padding padding = Padding.of(c.params().path("padding").asText("valid"));
        Tensor y = max ? MaxPool2dOp.apply(x, pool, strides, padding) : AvgPool2dOp.apply(x, pool, strides, padding);
        y.backward(c.input("dy"));
        c.check("y", y.value());
        c.check("dx", x.grad());
    }

    /** Dense as Keras computes it: matmul over the last axis plus bias, any input rank. */
    private static void dense(ReferenceCase c) {
        Tensor x = Tensor.variable(c.input("x"));
        Tensor kernel = Tensor.variable(c.input("kernel"));
        boolean useBias = c.params().path("use_bias").asBoolean(true);
        long[] shape = x.shape();
        long features = shape[shape.length - 1];
        Tensor y = Ops.matmul(Ops.reshape(x, -1, features), kernel);
        if (useBias) {
            Tensor bias = Tensor.variable(c.input("bias"));
            y = BiasAddOp.apply(y, bias);
            long[] outShape = shape.clone();
            outShape[outShape.length - 1] = kernel.shape()[1];
            y = Ops.reshape(y, outShape);
            y.backward(c.input("dy"));
            c.check("dbias", bias.grad());
        } else {
            long[] outShape = shape.clone();
            outShape[outShape.length - 1] = kernel.shape()[1];
            y = Ops.reshape(y, outShape);
            y.backward(c.input("dy"));
        }
        c.check("y", y.value());
        c.check("dx", x.grad());
        c.check("dkernel", kernel.grad());
    }

    private static void flatten(ReferenceCase c) {
        Tensor x = Tensor.variable(c.input("x"));
        Tensor y = Ops.flatten(x);
        y.backward(c.input("dy"));
        c.check("y", y.value());
        c.check("dx", x.grad());
    }

    private static void batchNormalization(ReferenceCase c) {
        Tensor x = Tensor.variable(c.input("x"));
        Tensor gamma = Tensor.variable(c.input("gamma"));
        Tensor beta = Tensor.variable(c.input("beta"));
        INDArray movingMean = c.input("moving_mean");
        INDArray movingVariance = c.input("moving_variance");
        double momentum = c.params().path("momentum").asDouble(0.99);
        double epsilon = c.params().path("epsilon").asDouble(1e-3);

        Tensor before = BatchNormOp.inference(Tensor.constant(x.value()), gamma.detach(), beta.detach(), movingMean,
                movingVariance, epsilon);
        c.check("y_inference", before.value());

        BatchNormOp.TrainResult r = BatchNormOp.train(x, gamma, beta, movingMean, movingVariance, momentum, epsilon);
        r.output().backward(c.input("dy"));
        c.check("y", r.output().value());
        c.check("dx", x.grad());
        c.check("dgamma", gamma.grad());
        c.check("dbeta", beta.grad());
        c.check("batch_mean", r.batchMean());
        c.check("batch_variance", r.batchVariance());
        c.check("moving_mean_after", movingMean);
        c.check("moving_variance_after", movingVariance);
        // tf.keras 2's fused kernel used the unbiased variance here; Keras 3 (the target) does not.
        c.informational("moving_variance_after_tf2_unbiased");

        Tensor after = BatchNormOp.inference(Tensor.constant(x.value()), gamma.detach(), beta.detach(), movingMean,
                movingVariance, epsilon);
        c.check("y_inference_after", after.value());
    }

    private static void activation(ReferenceCase c, java.util.function.UnaryOperator<Tensor> f) {
        Tensor x = Tensor.variable(c.input("x"));
        Tensor y = f.apply(x);
        y.backward(c.input("dy"));
        c.check("y", y.value());
        c.check("dx", x.grad());
    }

    /**
     * The probabilities path (softmax, then Keras' renormalised and clipped cross-entropy), and
     * where no probability is clipped also the fused path from the logits, which must agree.
     */
    private static void crossEntropy(ReferenceCase c, boolean sparse) {
        INDArray logits = c.input("logits");
        INDArray targets = sparse ? c.input("labels") : c.input("y_true");

        Tensor z = Tensor.variable(logits);
        Tensor p = Ops.softmax(z);
        Tensor perSample = sparse ? SparseCategoricalCrossentropyOp.perSample(p, targets)
                : CategoricalCrossentropyOp.perSample(p, targets);
        Tensor loss = Ops.mean(perSample);
        c.check("p", p.value());
        c.check("per_sample_loss", perSample.value());
        c.check("loss", loss.value());
        loss.backward();
        c.check("dloss_dlogits", z.grad());

        // The gradient with respect to p itself, through Keras' renormalisation p / sum(p).
        Tensor pLeaf = Tensor.variable(p.value());
        Tensor lossFromP = sparse ? SparseCategoricalCrossentropyOp.apply(pLeaf, targets)
                : CategoricalCrossentropyOp.apply(pLeaf, targets);
        lossFromP.backward();
        c.check("dloss_dp_renorm", pLeaf.grad());
        // dloss_dp is the same gradient without differentiating through the renormalisation; it
        // differs from dloss_dp_renorm by a constant per row, which moves nothing upstream of a
        // softmax. Lamina differentiates Keras' computation as a whole, so it has no such tensor.
        c.informational("dloss_dp");

        double eps = CategoricalCrossentropyOp.EPSILON;
        INDArray pv = p.value();
        boolean clipActive = pv.minNumber().doubleValue() < eps || pv.maxNumber().doubleValue() > 1 - eps;
        if (!clipActive) {
            INDArray oneHot = sparse ? LossArguments.oneHot("test", targets, logits.size(0), (int) logits.size(1),
                    logits.dataType()) : targets;
            Tensor zFused = Tensor.variable(logits);
            Tensor fused = SoftmaxCrossEntropyOp.perSample(zFused, oneHot);
            c.check("per_sample_loss", fused.value());
            Tensor fusedMean = Ops.mean(fused);
            c.check("loss", fusedMean.value());
            fusedMean.backward();
            c.check("dloss_dlogits", zFused.grad());
        }
    }
}
