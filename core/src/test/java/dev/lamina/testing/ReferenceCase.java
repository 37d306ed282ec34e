package dev.lamina.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One case of the shared reference folder: its {@code case.json} and tensors, with the check of
 * an actual value against an expected one under the case's tolerance.
 *
 * <p>A case records which of its expected tensors were checked; {@link #assertAllChecked()} fails
 * when one was neither checked nor declared informational, so that a runner cannot silently skip
 * what a case asks for.
 */
public final class ReferenceCase {

    private final Path dir;
    private final JsonNode json;
    private final Set<String> checked = new LinkedHashSet<>();

    ReferenceCase(Path dir, JsonNode json) {
        this.dir = dir;
        this.json = json;
    }

    /** @return the case's folder name, e.g. {@code conv2d_valid_s1_k3x3_in5x5} */
    public String name() {
        return json.path("name").asText(dir.getFileName().toString());
    }

    /** @return the op, e.g. {@code conv2d} */
    public String op() {
        return json.path("op").asText();
    }

    /** @return the case's folder */
    public Path dir() {
        return dir;
    }

    /** @return the Keras parameters */
    public JsonNode params() {
        return json.path("params");
    }

    /** @return the whole case.json */
    public JsonNode json() {
        return json;
    }

    /** @param name an input name @return whether the case has that input */
    public boolean hasInput(String name) {
        return json.path("inputs").has(name);
    }

    /** @param name an expected-output name @return whether the case expects it */
    public boolean hasExpected(String name) {
        return json.path("expected").has(name);
    }

    /** @param name an input's name @return the input as stored (float32 or int32) */
    public INDArray input(String name) {
        return load("inputs", name);
    }

    /** @param name an input's name @return the input converted to float64 */
    public INDArray inputAsDouble(String name) {
        return input(name).castTo(DataType.DOUBLE);
    }

    /** @param name an expected tensor's name @return the float64 expected values */
    public INDArray expected(String name) {
        return load("expected", name);
    }

    /** @return the names of the expected tensors */
    public List<String> expectedNames() {
        List<String> names = new ArrayList<>();
        json.path("expected").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Integer list parameter, or a single int repeated twice (Keras accepts both).
     *
     * @param key the parameter
     * @return the values
     */
    public int[] intPair(String key) {
        JsonNode n = params().path(key);
        if (n.isInt()) {
            return new int[] {n.asInt(), n.asInt()};
        }
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asInt();
        }
        return out;
    }

    /**
     * Checks {@code actual} against the expected tensor {@code name} elementwise:
     * {@code |actual - expected| <= atol + rtol * |expected|}.
     *
     * @param name the expected tensor
     * @param actual the computed values (any floating type)
     */
    public void check(String name, INDArray actual) {
        INDArray expected = expected(name);
        if (!Arrays.equals(expected.shape(), actual.shape()) && expected.length() != actual.length()) {
            throw new AssertionError(name() + ": " + name + " has shape " + Arrays.toString(actual.shape())
                    + ", expected " + Arrays.toString(expected.shape()));
        }
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        JsonNode tol = json.path("tolerance").path(name);
        double rtol = tol.path("rtol").asDouble(0);
        double atol = tol.path("atol").asDouble(0);
        int failures = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                if (failures++ < 5) {
                    report.append(String.format("%n  at %s: actual %.9g, expected %.9g (allowed %.3g)",
                            Arrays.toString(unravel(i, expected.shape())), a[i], e[i], atol + rtol * Math.abs(e[i])));
                }
            }
        }
        checked.add(name);
        if (failures > 0) {
            throw new AssertionError(name() + ": " + name + " differs in " + failures + " of " + expected.length()
                    + " entries (rtol " + rtol + ", atol " + atol + ")" + report);
        }
    }

    /**
     * Marks expected tensors that a runner deliberately does not compare, with the reason kept in
     * the runner's source.
     *
     * @param names the informational tensors
     */
    public void informational(String... names) {
        checked.addAll(Arrays.asList(names));
    }

    /** Fails when an expected tensor of the case was neither checked nor marked informational. */
    public void assertAllChecked() {
        List<String> missing = new ArrayList<>(expectedNames());
        missing.removeAll(checked);
        if (!missing.isEmpty()) {
            throw new AssertionError(name() + ": expected tensors not checked by the runner: " + missing);
        }
    }

    private static long[] unravel(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    private INDArray load(String section, String name) {
        JsonNode spec = json.path(section).path(name);
        if (spec.isMissingNode()) {
            throw new AssertionError(name() + ": no " + section + " tensor named " + name);
        }
        try {
            return Npy.read(dir.resolve(spec.path("file").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
