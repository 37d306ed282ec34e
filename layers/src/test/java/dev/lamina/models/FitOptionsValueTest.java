package dev.lamina.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.callbacks.TerminateOnNaN;
import org.junit.jupiter.api.Test;

/** Options are values: a setter returns new options and leaves the receiver as it was. */
class FitOptionsValueTest {

    @Test
    void settersReturnNewOptions() {
        FitOptions base = FitOptions.epochs(5);
        FitOptions tuned = base.batchSize(64).verbose(0).shuffle(false).validationSplit(0.1).initialEpoch(2)
                .stepsPerEpoch(7).validationSteps(3).callbacks(new TerminateOnNaN()).withEpochs(6);
        assertThat(base.batchSize()).isEqualTo(32);
        assertThat(base.verbose()).isEqualTo(1);
        assertThat(base.shuffle()).isTrue();
        assertThat(base.validationSplit()).isZero();
        assertThat(base.callbacks()).isEmpty();
        assertThat(base.epochs()).isEqualTo(5);
        assertThat(tuned.batchSize()).isEqualTo(64);
        assertThat(tuned.epochs()).isEqualTo(6);
        assertThat(tuned.initialEpoch()).isEqualTo(2);
        assertThat(tuned.stepsPerEpoch()).isEqualTo(7);
        assertThat(tuned.callbacks()).hasSize(1);
        FitOptions more = tuned.callbacks(new TerminateOnNaN());
        assertThat(tuned.callbacks()).hasSize(1);
        assertThat(more.callbacks()).hasSize(2);
    }
}
