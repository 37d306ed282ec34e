package dev.lamina.data.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Moves pixels between ND4J arrays and {@code float[]} in bulk, through the arrays' native memory
 * seen as NIO buffers: ND4J's own conversions ({@code castTo}, {@code data().asFloat()},
 * {@code Nd4j.create(float[])}) cost several times the augmentation itself on a 32x32x3 image.
 */
final class ImageArrays {

    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    private ImageArrays() {
    }

    /**
     * Read access to the samples of a rank-4 image array, one image at a time. Float32 and uint8
     * arrays are read in place; other types are converted to float32 once (as Keras converts
     * {@code x} to float32 in {@code NumpyArrayIterator}).
     */
    static final class Source {

        private final INDArray array;
        private final FloatBuffer floats;
        private final ByteBuffer bytes;
        private final long base;
        private final int imageSize;
        private final ThreadLocal<byte[]> scratch;

        Source(INDArray x) {
            INDArray a = x.dataType() == DataType.FLOAT || x.dataType() == DataType.UINT8 ? x : x.castTo(DataType.FLOAT);
            this.imageSize = Math.toIntExact(a.length() / Math.max(1, a.size(0)));
            this.scratch = ThreadLocal.withInitial(() -> new byte[imageSize]);
            View v = view(a);
            if (v == null) {
                a = a.dup('c');
                v = view(a);
            }
            // Past NIO's 2 GiB limit, fall back to slicing image by image through ND4J.
            this.array = a;
            this.floats = v == null ? null : v.floats;
            this.bytes = v == null ? null : v.bytes;
            this.base = v == null ? -1 : v.base;
        }

        private record View(FloatBuffer floats, ByteBuffer bytes, long base) {
        }

        /** The array's memory as a buffer, when it is plain C order and the buffer agrees with the array. */
        private static View view(INDArray a) {
            if (a.ordering() != 'c' || !Shape.hasDefaultStridesForShape(a) || a.length() == 0) {
                return null;
            }
            ByteBuffer raw;
            try {
                raw = a.data().asNio();
            } catch (RuntimeException e) {
                return null;
            }
            if (raw == null) {
                return null;
            }
            raw = raw.duplicate().order(ByteOrder.nativeOrder());
            long base = a.offset();
            long last = base + a.length() - 1;
            boolean isFloat = a.dataType() == DataType.FLOAT;
            long capacity = isFloat ? raw.capacity() / 4 : raw.capacity();
            if (last >= capacity) {
                return null;
            }
            FloatBuffer f = isFloat ? raw.asFloatBuffer() : null;
            // The buffer must start where ND4J says the array's data starts: check both ends.
            double first = isFloat ? f.get((int) base) : raw.get((int) base) & 0xFF;
            double end = isFloat ? f.get((int) last) : raw.get((int) last) & 0xFF;
            if (first != a.getDouble(0L) || end != a.getDouble(a.length() - 1)) {
                return null;
            }
            return new View(f, isFloat ? null : raw, base);
        }

        /** Copies image {@code index} into {@code dst} from {@code off}, as floats. Thread-safe. */
        void read(int index, float[] dst, int off) {
            if (base < 0) {
                float[] one = floats(array.get(NDArrayIndex.point(index)));
                System.arraycopy(one, 0, dst, off, imageSize);
                return;
            }
            int at = Math.toIntExact(base + (long) index * imageSize);
            if (floats != null) {
                floats.get(at, dst, off, imageSize);
            } else {
                byte[] b = scratch.get();
                bytes.get(at, b, 0, imageSize);
                for (int i = 0; i < imageSize; i++) {
                    dst[off + i] = b[i] & 0xFF;
                }
            }
        }

        /** The array read (possibly a float32 or C-order copy of the one given). */
        INDArray array() {
            return array;
        }
    }

    /**
     * The values of any array in C order, as floats, through ND4J's own conversions: for single
     * images and the fallback path, not for batches.
     */
    static float[] floats(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        f = f.dup('c');
        float[] data = f.data().asFloat();
        return data.length == f.length() ? data : java.util.Arrays.copyOf(data, (int) f.length());
    }

    /**
     * Copies the first {@code length} values of {@code data} into a float32 array's memory, in C
     * order.
     *
     * @param data the values
     * @param length how many, the array's length
     * @param target a C-order float32 array of {@code length} elements
     */
    static void fill(float[] data, int length, INDArray target) {
        if (target.length() != length || target.dataType() != DataType.FLOAT || target.ordering() != 'c') {
            throw new IllegalArgumentException("Cannot fill a " + target.dataType() + " array of " + target.length()
                    + " elements (order " + target.ordering() + ") with " + length + " floats");
        }
        // Copied straight into host memory through the buffer's own pointer: the NIO buffers made
        // to reach it were Java garbage for every batch.
        if (CPU && target.offset() == 0 && target.data().pointer() instanceof FloatPointer p && p.position() == 0
                && p.capacity() >= length) {
            p.put(data, 0, length);
            return;
        }
        ByteBuffer raw = target.data().asNio();
        if (raw != null && target.offset() == 0 && raw.capacity() >= length * 4L) {
            raw.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().put(0, data, 0, length);
            return;
        }
        target.assign(Nd4j.create(java.util.Arrays.copyOf(data, length), target.shape(), 'c'));
    }

    /**
     * A new float32 array of this shape holding {@code data} (C order).
     *
     * @param data exactly as many values as the shape holds
     */
    static INDArray toNd4j(float[] data, long[] shape) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        ByteBuffer raw = out.data().asNio();
        if (raw != null && out.offset() == 0 && raw.capacity() >= data.length * 4L) {
            raw.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().put(0, data, 0, data.length);
            return out;
        }
        return Nd4j.create(data, shape, 'c');
    }
}
