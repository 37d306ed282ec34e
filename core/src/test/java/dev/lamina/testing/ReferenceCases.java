package dev.lamina.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Finds the shared reference cases and turns them into JUnit dynamic tests.
 *
 * <p>The folder comes from the system property {@value #PROPERTY}, which the parent pom sets to
 * {@code ../shared/reference} beside the repository. Cases are discovered from its
 * {@code index.json}; nothing names a case by hand, so new cases run without code changes.
 */
public final class ReferenceCases {

    /** The system property naming the reference folder. */
    public static final String PROPERTY = "lamina.reference";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceCases() {
    }

    /**
     * The reference folder.
     *
     * @return the folder
     * @throws AssertionError if the property is unset or the folder or its index is missing
     */
    public static Path folder() {
        String prop = System.getProperty(PROPERTY);
        if (prop == null || prop.isBlank()) {
            throw new AssertionError("System property " + PROPERTY + " is not set; run the tests through Maven "
                    + "(the parent pom points it at ../shared/reference)");
        }
        Path dir = Path.of(prop).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            throw new AssertionError("Reference folder " + dir + " (from -D" + PROPERTY + ") has no index.json: "
                    + "check out ../shared beside the repository");
        }
        return dir;
    }

    /**
     * Every case listed in index.json.
     *
     * @return the cases, in index order
     */
    public static List<ReferenceCase> all() {
        Path dir = folder();
        try {
            JsonNode index = JSON.readTree(dir.resolve("index.json").toFile());
            List<ReferenceCase> cases = new ArrayList<>();
            for (JsonNode entry : index.path("cases")) {
                Path caseDir = dir.resolve(entry.path("name").asText());
                Path caseJson = caseDir.resolve("case.json");
                if (!Files.isRegularFile(caseJson)) {
                    throw new AssertionError("index.json lists " + caseDir.getFileName() + " but it has no case.json");
                }
                cases.add(new ReferenceCase(caseDir, JSON.readTree(caseJson.toFile())));
            }
            if (cases.isEmpty()) {
                throw new AssertionError("index.json in " + dir + " lists no cases");
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Dynamic tests for every case: those whose op has a runner here run it and must check every
     * expected tensor; ops another module runs are skipped with that module named; any other op
     * fails, so that a case of an op nobody implements cannot pass unnoticed.
     *
     * @param runners this module's runner per op
     * @param elsewhere ops run by another module, with that module's name (skipped here)
     * @return one dynamic test per case, named after the case's folder
     */
    public static Stream<DynamicTest> tests(Map<String, Consumer<ReferenceCase>> runners, Map<String, String> elsewhere) {
        return all().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.dir().toUri(), () -> {
            Consumer<ReferenceCase> runner = runners.get(c.op());
            if (runner != null) {
                runner.accept(c);
                c.assertAllChecked();
            } else if (elsewhere.containsKey(c.op())) {
                Assumptions.abort("op " + c.op() + " is checked by " + elsewhere.get(c.op()));
            } else {
                throw new AssertionError(c.name() + ": no runner for op '" + c.op() + "' (known: "
                        + Set.copyOf(runners.keySet()) + ")");
            }
        }));
    }
}
