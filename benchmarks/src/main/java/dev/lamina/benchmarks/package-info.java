/**
 * Benchmarks: programs that print figures rather than assert them, run through
 * {@link dev.lamina.benchmarks.Main} ({@code java -jar benchmarks/target/lamina-benchmarks.jar <name>})
 * or each through its own {@code main}.
 *
 * <p>{@link dev.lamina.benchmarks.TrainingBenchmark} times whole training epochs of fixed workloads
 * ({@link dev.lamina.benchmarks.Workloads}); {@link dev.lamina.benchmarks.ResNet50Benchmark} (W4)
 * times ResNet50's training and inference steps as its PyTorch peer does.
 * {@link dev.lamina.benchmarks.ConvBlocksBenchmark}
 * measures the overhead of Lamina's tape (recording, the backward walk,
 * {@link dev.lamina.backend.ArrayArena}, gradient bookkeeping and the ops' per-call argument
 * marshalling) against calling the same libnd4j ops directly through preallocated outputs and one
 * reused op context per call site. {@link dev.lamina.benchmarks.AugmentationBenchmark} measures
 * ImageDataGenerator's throughput. Timings on small shared machines are noisy: the benchmarks
 * interleave the variants in short blocks and report same-run ratios, which are the only figures
 * worth comparing.
 */
package dev.lamina.benchmarks;
