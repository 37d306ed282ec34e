package dev.lamina.core.ops;

import dev.lamina.core.Tensor;

/** Keras' Flatten: keeps the batch axis and flattens the rest in row-major (H, W, C) order. */
public final class FlattenOp {

    private FlattenOp() {
    }

    /**
     * {@code [N, d1, d2, ...] -> [N, d1*d2*...]}.
     *
     * @param x a tensor of rank ≥ 1
     * @return the flattened tensor
     */
    public static Tensor apply(Tensor x) {
        long[] s = x.value().shape(); // read only
        if (s.length == 0) {
            throw ShapeChecks.error("flatten", "input must have a batch axis, got a scalar");
        }
        long rest = 1;
        for (int i = 1; i < s.length; i++) {
            rest *= s[i];
        }
        return ReshapeOp.matrix(x, s[0], rest);
    }
}
