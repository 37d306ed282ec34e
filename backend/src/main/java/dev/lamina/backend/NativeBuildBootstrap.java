package dev.lamina.backend;

import org.nd4j.common.io.Resource;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lamina's one bootstrap entry: chooses ND4J's native build before ND4J loads it.
 *
 * <p>This class is registered as an ND4J backend service, but it is never a backend. ND4J's
 * backend lookup instantiates every registered backend before it asks any of them whether it can
 * run, so the constructor runs {@link #chooseNativeBuild()} whenever anything in the JVM first
 * touches ND4J, Lamina or not, and before ND4J's own CPU or CUDA backend loads its natives. It
 * reports the lowest priority and is never available, so ND4J always picks its real backend.
 *
 * <p>It also turns ND4J's start-up report off ({@value #LOG_INITIALIZATION_PROPERTY}) unless the
 * application set that property itself.
 *
 * <p>Applications need not call anything. Setting
 * {@value NativeBinarySelector#EXTENSION_PROPERTY} before ND4J loads still overrides the choice.
 */
public final class NativeBuildBootstrap extends Nd4jBackend {

    /**
     * ND4J's switch for its start-up report (about a dozen INFO lines on every run). The bootstrap
     * turns it off unless the application set it; {@link Backend#logDescriptionOnce()} logs one
     * line instead.
     */
    public static final String LOG_INITIALIZATION_PROPERTY = "org.nd4j.log.initialization";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBuildBootstrap.class);
    private static final int PRIORITY = -1_000_000;
    private static volatile boolean chosen;
    private static volatile String extension;

    /** Runs the native-build choice; ND4J's service lookup calls this. */
    public NativeBuildBootstrap() {
        chooseNativeBuild();
    }

    /**
     * Picks the native CPU build by the CPU's flags unless the user set
     * {@value NativeBinarySelector#EXTENSION_PROPERTY}, once per JVM; later calls return at once.
     * Has an effect only before ND4J has loaded its natives, which ND4J's service lookup of this
     * class guarantees.
     */
    public static void chooseNativeBuild() {
        if (chosen) {
            return;
        }
        synchronized (NativeBuildBootstrap.class) {
            if (chosen) {
                return;
            }
            if (System.getProperty(LOG_INITIALIZATION_PROPERTY) == null) {
                System.setProperty(LOG_INITIALIZATION_PROPERTY, "false");
            }
            String user = System.getProperty(NativeBinarySelector.EXTENSION_PROPERTY);
            String ext = NativeBinarySelector.chooseExtension(NativeBinarySelector.cpuFlags(), user,
                    NativeBinarySelector.avx512Present());
            if (ext != null) {
                System.setProperty(NativeBinarySelector.EXTENSION_PROPERTY, ext);
                LOG.debug("Selected ND4J native build {}", ext);
            }
            extension = ext != null ? ext : user;
            chosen = true;
        }
    }

    /**
     * The native build extension the bootstrap set or found set.
     *
     * @return e.g. {@code "-onednn-avx512"}, or {@code null} for JavaCPP's default
     */
    public static String chosenExtension() {
        chooseNativeBuild();
        return extension;
    }

    /**
     * Far below every real backend's priority, so ND4J asks them first and never reaches this one.
     * Not {@link Integer#MIN_VALUE}: ND4J orders backends by subtracting priorities, which would
     * overflow and put this class first.
     *
     * @return minus one million
     */
    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** @return false: this is no backend */
    @Override
    public boolean isAvailable() {
        return false;
    }

    /** @return false: this is no backend */
    @Override
    public boolean canRun() {
        return false;
    }

    /** @return false: this is no backend */
    @Override
    public boolean allowsOrder() {
        return false;
    }

    /** @throws UnsupportedOperationException always: this is no backend */
    @Override
    public Resource getConfigurationResource() {
        throw new UnsupportedOperationException("Lamina's bootstrap is not an ND4J backend");
    }

    /** @throws UnsupportedOperationException always: this is no backend */
    @Override
    public Class getNDArrayClass() {
        throw new UnsupportedOperationException("Lamina's bootstrap is not an ND4J backend");
    }

    /** @throws UnsupportedOperationException always: this is no backend */
    @Override
    public Environment getEnvironment() {
        throw new UnsupportedOperationException("Lamina's bootstrap is not an ND4J backend");
    }

    /** @return a line saying what this class is */
    @Override
    public String buildInfo() {
        return "Lamina native-build bootstrap (not a backend)";
    }

    /** Logs nothing: ND4J never initialises this class as its backend. */
    @Override
    public void logBackendInit() {
    }
}
