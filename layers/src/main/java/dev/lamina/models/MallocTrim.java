package dev.lamina.models;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Hands the C allocator's free memory back to the operating system (glibc's {@code malloc_trim}).
 * ND4J and oneDNN allocate through {@code malloc}, and glibc keeps what they free in its arenas
 * for later allocations: after a model's arrays are freed, the resident set would otherwise keep
 * their pages. Does nothing where the C library has no {@code malloc_trim} (not glibc) or it cannot
 * be reached.
 */
final class MallocTrim {

    private static final Function TRIM = lookUp();

    private MallocTrim() {
    }

    /**
     * Returns the free pages of every allocator arena to the system.
     *
     * @return true when {@code malloc_trim} ran and released memory
     */
    static boolean trim() {
        if (TRIM == null) {
            return false;
        }
        try {
            return TRIM.invokeInt(new Object[] {0}) != 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Function lookUp() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return null;
        }
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim");
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
