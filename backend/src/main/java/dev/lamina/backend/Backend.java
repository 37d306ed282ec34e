package dev.lamina.backend;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Describes the ND4J backend Lamina runs on: which native build loaded, oneDNN, threads, BLAS. */
public final class Backend {

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    private static volatile boolean warned;
    private static final AtomicBoolean DESCRIBED = new AtomicBoolean();

    private Backend() {
    }

    /**
     * The name of ND4J's backend.
     *
     * @return e.g. {@code "CPU"} or {@code "CUDA"}
     */
    public static String name() {
        String cls = Nd4j.getBackend().getClass().getSimpleName();
        return cls.toUpperCase(Locale.ROOT).startsWith("CPU") ? "CPU" : cls.replace("Backend", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The classifier of the native library that JavaCPP loaded, read from the path it was
     * extracted to.
     *
     * @return e.g. {@code "linux-x86_64-onednn-avx512"}, or {@code "unknown"}
     */
    public static String binary() {
        Nd4j.getBackend();
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            String path = e.getValue();
            if (path != null && (path.contains("nd4jcpu") || path.contains("nd4jcuda"))) {
                String[] parts = path.replace('\\', '/').split("/");
                if (parts.length >= 2) {
                    return parts[parts.length - 2];
                }
            }
        }
        return "unknown";
    }

    /**
     * libnd4j's build information, which names the helpers it was compiled with.
     *
     * @return the native build info string
     */
    public static String buildInfo() {
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    }

    /**
     * Whether the loaded libnd4j was built with oneDNN (without it, convolutions run many times
     * slower).
     *
     * @return true when the build info reports {@code HAVE_ONEDNN}
     */
    public static boolean hasOneDnn() {
        return buildInfo().contains("HAVE_ONEDNN");
    }

    /**
     * The number of threads ND4J's native ops use.
     *
     * @return the thread count
     */
    public static int threads() {
        return Nd4j.getEnvironment().maxThreads();
    }

    /**
     * The BLAS library behind ND4J.
     *
     * @return e.g. {@code "OPENBLAS"}
     */
    public static String blas() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Object vendor = env.get("blas.vendor");
        return vendor == null ? "unknown" : vendor.toString();
    }

    /**
     * One line for logs and example output, e.g.
     * {@code backend=CPU binary=linux-x86_64-onednn-avx512 onednn=yes threads=2 blas=OPENBLAS}.
     * Warns (once) when a slower build than this CPU supports was loaded.
     *
     * @return the description
     */
    public static String describe() {
        String binary = binary();
        boolean oneDnn = hasOneDnn();
        warnIfSlower(binary, oneDnn);
        return "Lamina backend=" + name() + " binary=" + binary + " onednn=" + (oneDnn ? "yes" : "NO") + " threads="
                + threads() + " blas=" + blas();
    }

    /**
     * Logs {@link #describe()} at INFO the first time it is called in this JVM, and does nothing
     * afterwards. Models call it when they first run, so an application's log says once which
     * native build and how many threads it ran on, in place of ND4J's start-up lines.
     */
    public static void logDescriptionOnce() {
        if (DESCRIBED.compareAndSet(false, true)) {
            LOG.info(describe());
        }
    }

    private static void warnIfSlower(String binary, boolean oneDnn) {
        if (warned || !"CPU".equals(name())) {
            return;
        }
        warned = true;
        if (!oneDnn) {
            LOG.warn("ND4J's native build {} has no oneDNN: convolutions run 10-20x slower. Put nd4j-native's "
                    + "linux-x86_64-onednn-avx2 or -onednn-avx512 classifier on the class path.", binary);
        }
        String wanted = NativeBuildBootstrap.chosenExtension();
        if (wanted != null && !wanted.isEmpty() && !binary.endsWith(wanted)) {
            LOG.warn("ND4J loaded {} instead of linux-x86_64{}: its jar is missing, or "
                    + "the JavaCPP platform extension was set differently", binary, wanted);
        }
    }
}
