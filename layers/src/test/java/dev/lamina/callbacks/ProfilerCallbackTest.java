package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lamina.backend.Profiler;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class ProfilerCallbackTest {

    @Test
    void recordsOneWholeStepPerBatch() throws InterruptedException {
        Profiler.reset();
        ProfilerCallback p = new ProfilerCallback();
        for (int b = 0; b < 3; b++) {
            p.onTrainBatchBegin(b, new LinkedHashMap<>());
            Thread.sleep(2);
            p.onTrainBatchEnd(b, new LinkedHashMap<>());
        }
        assertThat(Profiler.report(1)).contains("profile over 3 training steps").contains(Profiler.STEP);
        Profiler.reset();
    }
}
