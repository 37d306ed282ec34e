/**
 * oneDNN's convolution, max-pooling, matmul and softmax primitives called directly on ND4J's buffers
 * (CPU, float32, channels-last), behind the kernel interfaces of {@code dev.lamina.backend}, where
 * libnd4j's own ops are slow: libnd4j builds its oneDNN calls anew on every call, reorders each
 * activation to a blocked layout and back, and recomputes max pooling's forward pass inside its backward. Here a
 * primitive is created once per shape and thread, activations stay channels-last, only the small
 * kernels are reordered, and max pooling keeps the forward pass's workspace for its backward.
 */
package dev.lamina.backend.onednn;
