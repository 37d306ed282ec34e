package dev.lamina.models;

import dev.lamina.layers.Layer;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which models use each layer, so that closing one model frees only the weights that no other
 * live model still computes with (a sub-model made from inner tensors shares its layers). Models
 * are held weakly: one discarded without being closed stops counting once it is collected.
 */
final class LayerUsers {

    /** Keyed weakly by layer (layers compare by identity); the models are weak too, or they would pin their layers. */
    private static final Map<Layer, List<WeakReference<Model>>> USERS = new WeakHashMap<>();

    private LayerUsers() {
    }

    /** Records that {@code model} runs these layers. */
    static synchronized void add(Model model, Collection<Layer> layers) {
        for (Layer layer : layers) {
            List<WeakReference<Model>> users = USERS.computeIfAbsent(layer, l -> new ArrayList<>());
            if (users.stream().noneMatch(r -> r.get() == model)) {
                users.add(new WeakReference<>(model));
            }
        }
    }

    /** Whether a model other than {@code except}, neither closed nor collected, runs {@code layer}. */
    static synchronized boolean usedElsewhere(Layer layer, Model except) {
        List<WeakReference<Model>> users = USERS.get(layer);
        if (users == null) {
            return false;
        }
        users.removeIf(r -> r.get() == null);
        for (WeakReference<Model> r : users) {
            Model m = r.get();
            if (m != null && m != except && !m.isClosed()) {
                return true;
            }
        }
        return false;
    }
}
