package dev.lamina.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lamina.optim.schedules.ExponentialDecay;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Options of the Optimizer base class, against hand-computed values. */
class OptimizerOptionsTest {

    private static INDArray vec(double... v) {
        return Nd4j.createFromArray(v);
    }

    @Test
    void clipnormScalesEachGradientToTheNorm() {
        INDArray w = vec(0, 0);
        new SGD(1.0).clipnorm(1.0).applyGradients(List.of(vec(3, 4)), List.of(w));
        assertThat(w.toDoubleVector()).containsExactly(new double[] {-0.6, -0.8}, within(1e-12));
    }

    @Test
    void clipvalueClipsEachElement() {
        INDArray w = vec(0, 0);
        new SGD(1.0).clipvalue(0.5).applyGradients(List.of(vec(3, -0.25)), List.of(w));
        assertThat(w.toDoubleVector()).containsExactly(new double[] {-0.5, 0.25}, within(1e-12));
    }

    @Test
    void globalClipnormScalesAllGradientsTogether() {
        INDArray a = vec(0);
        INDArray b = vec(0);
        new SGD(1.0).globalClipnorm(2.5).applyGradients(List.of(vec(3), vec(4)), List.of(a, b));
        assertThat(a.getDouble(0)).isCloseTo(-1.5, within(1e-12));
        assertThat(b.getDouble(0)).isCloseTo(-2.0, within(1e-12));
    }

    @Test
    void decoupledWeightDecayShrinksBeforeTheUpdate() {
        INDArray w = vec(2);
        new SGD(0.1).weightDecay(0.5).applyGradients(List.of(vec(1)), List.of(w));
        // w = 2 - 2 * 0.5 * 0.1 = 1.9; then 1.9 - 0.1 * 1 = 1.8
        assertThat(w.getDouble(0)).isCloseTo(1.8, within(1e-12));
    }

    @Test
    void legacyDecayIsInverseTime() {
        SGD sgd = new SGD(0.1);
        sgd.decay(0.5);
        INDArray w = vec(0);
        sgd.applyGradients(List.of(vec(1)), List.of(w));
        sgd.applyGradients(List.of(vec(1)), List.of(w));
        // steps use lr 0.1 / (1 + 0.5 * 0) and 0.1 / (1 + 0.5 * 1)
        assertThat(w.getDouble(0)).isCloseTo(-(0.1 + 0.1 / 1.5), within(1e-12));
        assertThat(sgd.iterations()).isEqualTo(2);
    }

    @Test
    void exponentialDecaySchedule() {
        ExponentialDecay d = new ExponentialDecay(0.1, 10, 0.5);
        assertThat(d.at(0)).isEqualTo(0.1);
        assertThat(d.at(10)).isCloseTo(0.05, within(1e-15));
        assertThat(d.at(5)).isCloseTo(0.1 * Math.sqrt(0.5), within(1e-15));
        assertThat(d.staircase(true).at(15)).isCloseTo(0.05, within(1e-15));
        SGD sgd = new SGD();
        sgd.learningRate(new ExponentialDecay(1.0, 1, 0.5));
        INDArray w = vec(0);
        sgd.applyGradients(List.of(vec(1)), List.of(w));
        sgd.applyGradients(List.of(vec(1)), List.of(w));
        assertThat(w.getDouble(0)).isCloseTo(-1.5, within(1e-12));
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        Adam adam = new Adam(0.1).amsgrad(true);
        INDArray w = vec(0);
        adam.applyGradients(List.of(vec(2)), List.of(w));
        adam.applyGradients(List.of(vec(0)), List.of(w));
        INDArray vHat = adam.slots(w).get("velocity_hats");
        // v after step 1: 0.004; after step 2: 0.003996; the hat keeps 0.004.
        assertThat(vHat.getDouble(0)).isCloseTo(0.004, within(1e-12));
    }

    @Test
    void namesAndBadValues() {
        assertThat(Optimizers.get("RMSprop")).isInstanceOf(RMSprop.class);
        assertThat(Optimizers.get("adam").getConfig()).containsEntry("learning_rate", 0.001)
                .containsEntry("epsilon", 1e-7);
        assertThatThrownBy(() -> Optimizers.get("adagrad")).hasMessageContaining("sgd, rmsprop, adam");
        assertThatThrownBy(() -> new SGD(-1)).hasMessageContaining("learning_rate=-1.0");
        assertThatThrownBy(() -> new SGD().momentum(1.5)).hasMessageContaining("momentum=1.5");
        assertThatThrownBy(() -> new SGD().applyGradients(List.of(vec(1, 2)), List.of(vec(1))))
                .hasMessageContaining("shape");
    }
}
