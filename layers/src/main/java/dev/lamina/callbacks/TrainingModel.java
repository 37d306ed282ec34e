package dev.lamina.callbacks;

import dev.lamina.layers.Weight;
import dev.lamina.optim.Optimizer;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The model as a callback sees it while {@code fit} trains it: what Keras callbacks reach through
 * {@code self.model}. {@code dev.lamina.models.Model} implements it; a callback that needs the rest
 * of the model's API casts {@link Callback#model()} to {@code Model}. It is an interface so that
 * the callbacks package does not depend on the models package, which depends on it ({@code fit}
 * takes callbacks and returns a {@link History}).
 */
public interface TrainingModel {

    /**
     * The model's name.
     *
     * @return the name, as in {@code summary()}
     */
    String name();

    /**
     * The model's variables, trainable and not, in Keras' order.
     *
     * @return the weights, live (not copies)
     */
    List<Weight> weights();

    /**
     * Copies of the variables' values, as Keras' {@code get_weights()}.
     *
     * @return one array per weight, in {@link #weights()} order
     */
    List<INDArray> getWeights();

    /**
     * Overwrites the variables' values, as Keras' {@code set_weights()}.
     *
     * @param values one array per weight, in {@link #weights()} order, with matching shapes
     * @throws IllegalArgumentException when the count or a shape differs, naming the weight
     */
    void setWeights(List<INDArray> values);

    /**
     * The optimizer {@code compile} set, as Keras' {@code model.optimizer}.
     *
     * @return the optimizer
     * @throws IllegalStateException before {@code compile}
     */
    Optimizer optimizer();

    /**
     * Asks {@code fit} to stop after the current epoch, as setting Keras' {@code model.stop_training}.
     *
     * @param stop true to stop
     */
    void stopTraining(boolean stop);

    /**
     * Whether a stop was asked.
     *
     * @return the flag {@link #stopTraining(boolean)} set
     */
    boolean isStopTraining();

    /**
     * Saves the whole model (architecture, weights, optimizer state), as Keras' {@code model.save}.
     *
     * @param path the file
     * @throws dev.lamina.core.LaminaIOException when it cannot be written
     */
    void save(Path path);

    /**
     * Saves the weights only, as Keras' {@code model.save_weights}.
     *
     * @param path the file
     * @throws dev.lamina.core.LaminaIOException when it cannot be written
     */
    void saveWeights(Path path);
}
