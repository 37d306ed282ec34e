/**
 * The one place that chooses which kernels run on given arrays ({@link
 * dev.lamina.backend.dispatch.Kernels}): oneDNN's where they apply, libnd4j's otherwise. It sits
 * above both implementations so that neither, nor the interfaces they implement, depends on the
 * choice.
 */
package dev.lamina.backend.dispatch;
