package dev.lamina.callbacks;

import dev.lamina.core.LaminaIOException;
import dev.lamina.core.io.Npy;
import dev.lamina.layers.Weight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keras' ModelCheckpoint: saves the model's weights at the end of each epoch, or only when the
 * monitored metric improves. The target is a folder of {@code .npy} files, one per weight, named
 * {@code <index>_<layer>_<weight>.npy}; {@code {epoch}} in the path is replaced by the epoch number
 * (from 1). A checkpoint is written to a temporary folder beside the target and then moved into
 * place, so an interrupted write never leaves a half checkpoint.
 */
public final class ModelCheckpoint extends Callback {

    private final String path;
    private Monitor monitor = new Monitor("val_loss", "auto");
    private boolean saveBestOnly;
    private double best;

    /**
     * @param path the checkpoint folder; may contain {@code {epoch}}
     */
    public ModelCheckpoint(Path path) {
        this.path = path.toString();
    }

    /**
     * The metric deciding what is best (default {@code "val_loss"}).
     *
     * @param metric the metric's name
     * @return this callback
     */
    public ModelCheckpoint monitor(String metric) {
        this.monitor = new Monitor(metric, "auto");
        return this;
    }

    /**
     * Save only when the monitored metric improves (default false).
     *
     * @param saveBestOnly whether to save only improvements
     * @return this callback
     */
    public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
        this.saveBestOnly = saveBestOnly;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        best = monitor.worst();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (saveBestOnly) {
            Double current = monitor.value(logs);
            if (current == null || !monitor.improves(current, best, 0)) {
                return;
            }
            best = current;
        }
        save(Path.of(path.replace("{epoch}", String.valueOf(epoch + 1))));
    }

    private void save(Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp");
            List<Weight> weights = model().weights();
            for (int i = 0; i < weights.size(); i++) {
                Weight w = weights.get(i);
                String file = String.format("%03d_%s_%s.npy", i, w.owner().name(), w.name());
                Npy.write(w.value(), tmp.resolve(file));
            }
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LaminaIOException("ModelCheckpoint: cannot write " + target, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
