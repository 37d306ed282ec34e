/**
 * Runnable Lamina examples: each of Keras' notebooks as a program of its own, whose {@code run}
 * method reads cell by cell like the notebook, and the launcher {@link dev.lamina.examples.Main}
 * that lists them and runs one by name.
 *
 * <p>After {@code mvn -B -q -DskipTests package}, from the repository root:
 *
 * <pre>
 * java -jar examples/target/lamina-examples.jar mnist-cnn --epochs 1
 * java -cp "examples/target/lamina-examples.jar:examples/target/lib/*" dev.lamina.examples.MnistCnn --epochs 1
 * </pre>
 *
 * <p>Both take the options of {@link dev.lamina.examples.RunOptions}.
 */
package dev.lamina.examples;
