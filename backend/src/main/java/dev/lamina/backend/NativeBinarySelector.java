package dev.lamina.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses which of ND4J's native CPU builds JavaCPP should load.
 *
 * <p>JavaCPP does no CPU detection: among the classifier jars on the class path it loads the
 * oneDNN AVX2 build by a fixed priority, even on a CPU with AVX-512. Lamina therefore names the
 * AVX-512 build itself, through JavaCPP's {@value #EXTENSION_PROPERTY} property, when the CPU has
 * every AVX-512 subset that build was compiled for; a value the user set always wins.
 */
public final class NativeBinarySelector {

    /** The JavaCPP system property that names the native build's classifier suffix. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    /** Extension of ND4J's oneDNN build for AVX-512 CPUs. */
    public static final String ONEDNN_AVX512 = "-onednn-avx512";

    /** Extension of ND4J's oneDNN build for AVX2 CPUs, JavaCPP's own first choice. */
    public static final String ONEDNN_AVX2 = "-onednn-avx2";

    /** The CPU flags the AVX-512 build needs (as /proc/cpuinfo spells them). */
    public static final Set<String> AVX512_FLAGS =
            Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");

    private NativeBinarySelector() {
    }

    /**
     * Decides the extension to set, from the CPU's flags and what the user chose.
     *
     * @param cpuFlags the CPU's feature flags, lower case (for example {@code avx2}, {@code avx512f})
     * @param userChoice the value of {@value #EXTENSION_PROPERTY} the user set, or {@code null}
     * @return the extension Lamina should set, or {@code null} to leave the property alone (the user
     *     chose, or JavaCPP's default AVX2 build is the right one)
     */
    public static String chooseExtension(Set<String> cpuFlags, String userChoice) {
        return chooseExtension(cpuFlags, userChoice, true);
    }

    /**
     * Decides the extension to set, from the CPU's flags, what the user chose and whether the
     * AVX-512 build is on the class path at all (an application may ship the AVX2 build alone).
     *
     * @param cpuFlags the CPU's feature flags, lower case
     * @param userChoice the value of {@value #EXTENSION_PROPERTY} the user set, or {@code null}
     * @param avx512Present whether ND4J's AVX-512 build can be loaded ({@link #avx512Present()})
     * @return the extension Lamina should set, or {@code null} to leave the property alone
     */
    public static String chooseExtension(Set<String> cpuFlags, String userChoice, boolean avx512Present) {
        if (userChoice != null || !avx512Present) {
            return null;
        }
        return cpuFlags.containsAll(AVX512_FLAGS) ? ONEDNN_AVX512 : null;
    }

    /**
     * Whether ND4J's oneDNN AVX-512 build is on the class path (its classifier jar holds this folder).
     *
     * @return true when its natives can be loaded
     */
    public static boolean avx512Present() {
        ClassLoader loader = NativeBinarySelector.class.getClassLoader();
        return loader != null
                && loader.getResource("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + ONEDNN_AVX512 + "/") != null;
    }

    /**
     * Reads the CPU flags of this machine from {@code /proc/cpuinfo}.
     *
     * @return the flags of the first processor, or an empty set where the file is not there (the
     *     AVX2 default is then kept)
     */
    public static Set<String> cpuFlags() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Collections.emptySet();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .map(s -> Arrays.stream(s.split("\\s+")).collect(Collectors.toCollection(HashSet::new)))
                    .map(Collections::unmodifiableSet)
                    .orElse(Collections.emptySet());
        } catch (IOException | RuntimeException e) {
            return Collections.emptySet();
        }
    }
}
