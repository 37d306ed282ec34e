/**
 * Runnable Lamina examples and benchmarks.
 *
 * <p>Each example is a class with a {@code main} method, run from the repository root with the
 * project's jars built first ({@code mvn -B -q -o -DskipTests install}), for instance:
 *
 * <pre>
 * mvn -B -q -pl examples exec:java -Dexec.mainClass=dev.lamina.benchmarks.ConvBlocksBenchmark
 * </pre>
 *
 * <p>({@code exec:java} needs the exec-maven-plugin, which Maven fetches from Maven Central on first
 * use, so that command runs without {@code -o}.) Benchmarks live in the benchmarks module;
 * {@code docs/PERFORMANCE.md} records their results.
 */
package dev.lamina.examples;
