package dev.lamina.backend;

/**
 * The geometry of a 2-D sliding window over a channels-last input (a convolution's kernel or a
 * pooling window): its size, strides, padding mode and the explicit rows and columns of padding
 * TensorFlow's rule places before and after the input, plus libnd4j's integer arguments for it.
 *
 * <p>Instances are immutable and shared: {@link #of} returns one of the calling thread's recent
 * windows when the geometry matches, because a fresh window and its arrays per layer call were a
 * sizeable share of a training step's Java garbage. Callers must not write to the arrays.
 */
public final class Window2d {

    private static final int KEPT = 8;
    private static final ThreadLocal<Window2d[]> RECENT = ThreadLocal.withInitial(() -> new Window2d[KEPT]);
    private static final ThreadLocal<int[]> NEXT = ThreadLocal.withInitial(() -> new int[1]);

    private final long inH;
    private final long inW;
    private final long outH;
    private final long outW;
    private final int[] size;
    private final int[] strides;
    private final boolean same;
    private final long[] padBefore;
    private final long[] padAfter;
    private final long[] convolutionArgs;
    private final long[] poolingArgs;

    private Window2d(long inH, long inW, int kh, int kw, int sh, int sw, boolean same, long outH, long outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.size = new int[] {kh, kw};
        this.strides = new int[] {sh, sw};
        this.same = same;
        long totalH = Math.max((outH - 1) * sh + kh - inH, 0);
        long totalW = Math.max((outW - 1) * sw + kw - inW, 0);
        this.padBefore = new long[] {totalH / 2, totalW / 2};
        this.padAfter = new long[] {totalH - totalH / 2, totalW - totalW / 2};
        long mode = same ? 1 : 0;
        // libnd4j's conv2d: ..., dilations 1, paddingMode, data format 1 (NHWC), weight format 0.
        this.convolutionArgs = new long[] {kh, kw, sh, sw, 0, 0, 1, 1, mode, 1, 0};
        // libnd4j's pooling: ..., paddingMode, extraParam0 0 (an average divides by the real
        // cells only, as Keras), data format 1 (NHWC). Both trailing arguments must be passed.
        this.poolingArgs = new long[] {kh, kw, sh, sw, 0, 0, 1, 1, mode, 0, 1};
    }

    /**
     * The window for this geometry: one of the thread's recent ones when it matches, else a new one.
     *
     * @param inH the input height
     * @param inW the input width
     * @param kh the window height
     * @param kw the window width
     * @param sh the vertical stride
     * @param sw the horizontal stride
     * @param same whether padding is "same" (else "valid")
     * @param outH the output height
     * @param outW the output width
     * @return a shared, immutable window
     */
    public static Window2d of(long inH, long inW, int kh, int kw, int sh, int sw, boolean same, long outH,
            long outW) {
        Window2d[] recent = RECENT.get();
        for (Window2d w : recent) {
            if (w != null && w.inH == inH && w.inW == inW && w.size[0] == kh && w.size[1] == kw
                    && w.strides[0] == sh && w.strides[1] == sw && w.same == same && w.outH == outH
                    && w.outW == outW) {
                return w;
            }
        }
        Window2d made = new Window2d(inH, inW, kh, kw, sh, sw, same, outH, outW);
        int[] next = NEXT.get();
        recent[next[0]] = made;
        next[0] = (next[0] + 1) % KEPT;
        return made;
    }

    /** @return {@code {height, width}} of the window; read-only */
    public int[] size() {
        return size;
    }

    /** @return {@code {sH, sW}}; read-only */
    public int[] strides() {
        return strides;
    }

    /** @return whether padding is "same" */
    public boolean same() {
        return same;
    }

    /** @return {@code {top, left}} rows and columns of zeros before the input; read-only */
    public long[] padBefore() {
        return padBefore;
    }

    /** @return {@code {bottom, right}} rows and columns of zeros after the input; read-only */
    public long[] padAfter() {
        return padAfter;
    }

    /** @return libnd4j's {@code conv2d}/{@code conv2d_bp} integer arguments, channels-last; read-only */
    public long[] convolutionArgs() {
        return convolutionArgs;
    }

    /** @return libnd4j's 11 pooling integer arguments, channels-last; read-only */
    public long[] poolingArgs() {
        return poolingArgs;
    }
}
