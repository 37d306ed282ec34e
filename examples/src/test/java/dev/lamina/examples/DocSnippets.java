package dev.lamina.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ties a document's {@code java} blocks to a test class that holds each block verbatim between
 * {@code // <tag> snippet start} and {@code // <tag> snippet end} markers, so the document shows
 * only code that compiles and runs.
 */
final class DocSnippets {

    private DocSnippets() {
    }

    /**
     * Checks that every {@code java} block of the document is one of the test's snippets.
     *
     * @param document the document, relative to the repository root (e.g. {@code docs/GUIDE.md})
     * @param testSource the test's source, relative to the examples module
     * @param tag the marker tag ({@code README}, {@code GUIDE})
     * @return how many java blocks the document has
     */
    static int checkBlocks(String document, String testSource, String tag) {
        try {
            String source = Files.readString(Path.of(testSource));
            List<String> snippets = new ArrayList<>();
            Matcher m = Pattern.compile("// " + tag + " snippet start\\n(.*?)\\n\\s*// " + tag + " snippet end",
                    Pattern.DOTALL).matcher(source);
            while (m.find()) {
                snippets.add(normalize(m.group(1)));
            }
            Matcher blocks = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL)
                    .matcher(Files.readString(repositoryRoot().resolve(document)));
            int count = 0;
            while (blocks.find()) {
                count++;
                assertThat(snippets).as("%s java block %d is one of %s's snippets", document, count, testSource)
                        .contains(normalize(blocks.group(1)));
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines trimmed and joined: indentation differs between a document and a method body. */
    private static String normalize(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                sb.append(line.strip()).append('\n');
            }
        }
        return sb.toString();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("The repository root (README.md beside examples/) is not above "
                + Path.of("").toAbsolutePath());
    }
}
