package dev.lamina.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Saves and restores the system properties a test changes (user.home and the lamina.datasets ones). */
final class SystemProperties implements AutoCloseable {

    private static final String[] KEYS = {"user.home", DatasetStore.DATASETS_PROPERTY, DatasetStore.MIRROR_PROPERTY,
        DatasetStore.OFFLINE_PROPERTY, DatasetStore.PROGRESS_PROPERTY};

    private final Map<String, String> saved = new HashMap<>();

    SystemProperties() {
        for (String k : KEYS) {
            saved.put(k, System.getProperty(k));
        }
        System.clearProperty(DatasetStore.DATASETS_PROPERTY);
        System.clearProperty(DatasetStore.MIRROR_PROPERTY);
        System.clearProperty(DatasetStore.OFFLINE_PROPERTY);
        System.setProperty(DatasetStore.PROGRESS_PROPERTY, "false");
    }

    SystemProperties home(Path home) {
        System.setProperty("user.home", home.toString());
        return this;
    }

    @Override
    public void close() {
        for (Map.Entry<String, String> e : saved.entrySet()) {
            if (e.getValue() == null) {
                System.clearProperty(e.getKey());
            } else {
                System.setProperty(e.getKey(), e.getValue());
            }
        }
    }
}
