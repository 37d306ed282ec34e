package dev.lamina.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress lines of fit and evaluate, in Keras 3's wording and order. */
class ProgbarLoggerTest {

    /** Records the finished lines; live updates are dropped, as on a non-terminal stream. */
    private static class Lines implements ProgressPrinter {
        final List<String> lines = new ArrayList<>();

        @Override
        public void update(String line) {
        }

        @Override
        public void line(String line) {
            lines.add(line);
        }
    }

    @Test
    void verboseOnePrintsTheEpochLineThenTheFullBarWithMetricsInKerasOrder() {
        Lines out = new Lines();
        ProgbarLogger logger = new ProgbarLogger(out, 1, 3, 938);
        logger.onEpochBegin(1, Map.of());
        logger.onEpochEnd(1, Map.of("val_loss", 0.05, "loss", 0.0412, "accuracy", 0.98712, "val_accuracy", 0.9901));
        assertThat(out.lines).hasSize(2);
        assertThat(out.lines.get(0)).isEqualTo("Epoch 2/3");
        assertThat(out.lines.get(1)).startsWith("938/938 " + "━".repeat(20) + " ")
                .matches(".*\\d+(s|ms|us)/step - accuracy: 0\\.9871 - loss: 0\\.0412 - val_accuracy: 0\\.9901 - val_loss: 0\\.0500$");
    }

    @Test
    void liveBarsAreDrawnOnlyForAPrinterThatShowsThem() throws InterruptedException {
        List<String> updates = new ArrayList<>();
        Lines log = new Lines() {
            @Override
            public void update(String line) {
                updates.add(line);
            }

            @Override
            public boolean showsUpdates() {
                return false;
            }
        };
        ProgbarLogger quiet = new ProgbarLogger(log, 1, 1, 40);
        quiet.onEpochBegin(0, Map.of());
        Thread.sleep(60);
        quiet.onTrainBatchEnd(4, Map.of("loss", 1.0));
        assertThat(updates).isEmpty();

        Lines terminal = new Lines() {
            @Override
            public void update(String line) {
                updates.add(line);
            }
        };
        ProgbarLogger live = new ProgbarLogger(terminal, 1, 1, 40);
        live.onEpochBegin(0, Map.of());
        Thread.sleep(60);
        live.onTrainBatchEnd(4, Map.of("loss", 1.0));
        assertThat(updates).singleElement().asString()
                .startsWith(" 5/40 " + "━".repeat(2) + "─".repeat(18) + " ").endsWith(" - loss: 1.0000");
    }

    @Test
    void metricValuesPrintAsFormatPrintsThem() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1e-3, -1e-3, 0.12345, 2.00005, 0.99995,
                9.99995, 1234.56785, -0.00015, 1e15, 1e20, 123456789.123456, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 5e-4, 2.302585092994046));
        for (int i = 0; i < 20_000; i++) {
            double magnitude = Math.pow(10, rng.nextInt(-3, 7));
            double v = rng.nextDouble() * magnitude * (rng.nextBoolean() ? 1 : -1);
            values.add(v);
            values.add(Math.round(v * 1e5) / 1e5);
            values.add((float) v + 0.0);
        }
        for (double v : values) {
            String expected = v != 0 && Math.abs(v) < 1e-3 ? String.format(java.util.Locale.ROOT, "%.4e", v)
                    : String.format(java.util.Locale.ROOT, "%.4f", v);
            assertThat(ProgbarLogger.format(v)).as("%s", v).isEqualTo(expected);
        }
    }

    @Test
    void verboseTwoPrintsOneLinePerEpochWithoutABar() {
        Lines out = new Lines();
        ProgbarLogger logger = new ProgbarLogger(out, 2, 1, 10);
        logger.onEpochBegin(0, Map.of());
        logger.onEpochEnd(0, Map.of("loss", 1.5));
        assertThat(out.lines).hasSize(2);
        assertThat(out.lines.get(1)).matches("10/10 - \\d+s - \\d+(s|ms|us)/step - loss: 1\\.5000");
    }

    @Test
    void verboseZeroPrintsNothing() {
        Lines out = new Lines();
        ProgbarLogger logger = new ProgbarLogger(out, 0, 1, 10);
        logger.onEpochBegin(0, Map.of());
        logger.onTrainBatchEnd(0, Map.of("loss", 1.0));
        logger.onEpochEnd(0, Map.of("loss", 1.0));
        assertThat(out.lines).isEmpty();
    }

    @Test
    void evaluationHasNoEpochLineAndTinyValuesUseScientificNotation() {
        Lines out = new Lines();
        ProgbarLogger logger = ProgbarLogger.forEvaluation(out, 5);
        logger.onEpochBegin(0, Map.of());
        logger.onEpochEnd(0, Map.of("loss", 0.00012));
        assertThat(out.lines).singleElement().asString().startsWith("5/5 ").endsWith(" - loss: 1.2000e-04");
    }

    @Test
    void aPartlyDoneBarFillsInProportionToTheSteps() {
        List<String> updates = new ArrayList<>();
        ProgressPrinter live = new ProgressPrinter() {
            @Override
            public void update(String line) {
                updates.add(line);
            }

            @Override
            public void line(String line) {
            }
        };
        ProgbarLogger logger = new ProgbarLogger(live, 1, 1, 10);
        logger.onEpochBegin(0, Map.of());
        logger.onTrainBatchEnd(4, Map.of("loss", 2.0));
        assertThat(updates).singleElement().asString()
                .startsWith(" 5/10 " + "━".repeat(10) + "\u2500".repeat(10) + " ").endsWith(" - loss: 2.0000");
    }
}
