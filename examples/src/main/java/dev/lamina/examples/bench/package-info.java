/**
 * Benchmarks: classes with a {@code main} that print figures rather than assert them.
 *
 * <p>{@link dev.lamina.examples.bench.ConvBlocksBenchmark} measures the overhead of Lamina's tape
 * (recording, the backward walk, {@link dev.lamina.backend.ArrayArena}, gradient bookkeeping and the
 * ops' per-call argument marshalling) against calling the same libnd4j ops directly through
 * preallocated outputs and one reused op context per call site. Timings on small shared machines
 * are noisy: the benchmarks interleave the variants in short blocks and report same-run ratios,
 * which are the only figures worth comparing. Results are recorded in {@code docs/PERFORMANCE.md}.
 */
package dev.lamina.examples.bench;
