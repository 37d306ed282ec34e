package dev.lamina.data;

import dev.lamina.core.LaminaIOException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Images stored one per row in a CSV file: a header row, a label column and one column per pixel
 * (Sign-MNIST, Kaggle's MNIST and Fashion-MNIST CSVs). Pixel columns are every column but the
 * label, in file order; values are integers 0..255.
 *
 * <pre>{@code
 * CsvImageDataset train = CsvImageDataset.load(Path.of("sign_mnist_train.csv"), new CsvOptions());
 * INDArray x = train.images(28, 28, 1).castTo(DataType.FLOAT).div(255);   // (N, 28, 28, 1)
 * INDArray y = Utils.toCategorical(train.labels(), 25);
 * }</pre>
 *
 * A row of the wrong length, a cell that is not an integer, a pixel outside 0..255 or a label
 * outside {@link CsvOptions#labelRange(int, int)} fails with a {@link DatasetFormatException} that
 * names the file and the line (the header is line 1).
 */
public final class CsvImageDataset {

    private static final int HEADER_SHOWN = 8;

    private final INDArray images;
    private final INDArray labels;
    private final List<String> pixelColumns;
    private final String source;

    private CsvImageDataset(INDArray images, INDArray labels, List<String> pixelColumns, String source) {
        this.images = images;
        this.labels = labels;
        this.pixelColumns = pixelColumns;
        this.source = source;
    }

    /**
     * Loads a CSV with the default options (header row, label column {@code label}, commas).
     *
     * @param csv the file
     * @return the images and labels
     * @throws LaminaIOException when the file cannot be read or is malformed
     */
    public static CsvImageDataset load(Path csv) {
        return load(csv, new CsvOptions());
    }

    /**
     * Loads a CSV of images.
     *
     * @param csv the file
     * @param options label column, delimiter, label range
     * @return the images and labels
     * @throws LaminaIOException when the file cannot be read or is malformed
     */
    public static CsvImageDataset load(Path csv, CsvOptions options) {
        try (InputStream in = Streams.open(csv)) {
            return read(in, csv.toString(), options);
        } catch (IOException e) {
            throw e instanceof java.nio.file.NoSuchFileException ? new LaminaIOException("No such file: " + csv, e)
                    : new LaminaIOException(e);
        }
    }

    /** Reads a CSV stream; {@code name} is how the file is named in errors. */
    static CsvImageDataset read(InputStream in, String name, CsvOptions options) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), Streams.BUFFER);
        String header = reader.readLine();
        if (header == null || header.isBlank()) {
            throw new DatasetFormatException(name, 1, "no header row (the file is empty); expected a header such as "
                    + options.labelColumn() + ",pixel1,pixel2,...");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> columns = splitHeader(header, options.delimiter());
        int labelIndex = columns.indexOf(options.labelColumn());
        if (labelIndex < 0) {
            throw new DatasetFormatException(name, 1, "no label column '" + options.labelColumn()
                    + "' in the header " + showHeader(columns) + "; set CsvOptions.labelColumn(...)");
        }
        int width = columns.size();
        int pixels = width - 1;
        if (pixels == 0) {
            throw new DatasetFormatException(name, 1, "the header " + showHeader(columns)
                    + " has no pixel columns besides '" + options.labelColumn() + "'");
        }
        List<String> pixelColumns = new ArrayList<>(columns);
        pixelColumns.remove(labelIndex);

        Parser p = new Parser(name, columns, labelIndex, options);
        byte[] data = new byte[pixels * 1024];
        int[] labels = new int[1024];
        int rows = 0;
        long lineNo = 1;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if ((long) (rows + 1) * pixels > Integer.MAX_VALUE - 16) {
                throw new DatasetFormatException(name, lineNo, "more pixel values than one array can hold");
            }
            if ((rows + 1) * pixels > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, 2L * data.length));
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, 2 * rows);
            }
            labels[rows] = p.parseRow(line, lineNo, data, rows * pixels);
            rows++;
        }
        if (rows == 0) {
            throw new DatasetFormatException(name, "has a header but no data rows");
        }
        INDArray images = UInt8.of(rows * pixels == data.length ? data : Arrays.copyOf(data, rows * pixels),
                rows, pixels);
        INDArray y = Nd4j.createFromArray(Arrays.copyOf(labels, rows));
        return new CsvImageDataset(images, y, List.copyOf(pixelColumns), name);
    }

    /**
     * The images, one row per CSV row.
     *
     * @return uint8 {@code (N, P)}, P the number of pixel columns
     */
    public INDArray images() {
        return images;
    }

    /**
     * The images reshaped to {@code (N, imageShape...)}, e.g. {@code images(28, 28, 1)}.
     *
     * @param imageShape the shape of one image; its product must equal the number of pixel columns
     * @return uint8 array of shape (N, imageShape...)
     * @throws IllegalArgumentException when the shape does not hold exactly one row's pixels
     */
    public INDArray images(long... imageShape) {
        long product = 1;
        for (long d : imageShape) {
            product *= d;
        }
        if (imageShape.length == 0 || product != numPixels()) {
            throw new IllegalArgumentException("Cannot reshape rows of " + numPixels() + " pixels from " + source
                    + " to images of shape " + Arrays.toString(imageShape));
        }
        long[] shape = new long[imageShape.length + 1];
        shape[0] = size();
        System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
        return images.reshape(shape);
    }

    /**
     * The labels.
     *
     * @return int32 {@code (N)}
     */
    public INDArray labels() {
        return labels;
    }

    /**
     * The number of rows (images).
     *
     * @return N
     */
    public int size() {
        return (int) images.size(0);
    }

    /**
     * The number of pixel columns.
     *
     * @return P
     */
    public int numPixels() {
        return (int) images.size(1);
    }

    /**
     * The pixel columns' header names, in order.
     *
     * @return e.g. {@code [pixel1, ..., pixel784]}
     */
    public List<String> pixelColumns() {
        return pixelColumns;
    }

    /**
     * The file this data came from.
     *
     * @return its path as given
     */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "CsvImageDataset[" + source + ": " + size() + " rows x " + numPixels() + " pixels]";
    }

    private static List<String> splitHeader(String header, char delimiter) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : delimiter;
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        return out;
    }

    static String showHeader(List<String> columns) {
        if (columns.size() <= HEADER_SHOWN) {
            return columns.toString();
        }
        return "[" + String.join(", ", columns.subList(0, HEADER_SHOWN)) + ", ... (" + columns.size() + " columns)]";
    }

    /** Parses data rows without allocating per cell. */
    private static final class Parser {
        private final String name;
        private final List<String> columns;
        private final int labelIndex;
        private final char delimiter;
        private final long minLabel;
        private final long maxLabel;

        Parser(String name, List<String> columns, int labelIndex, CsvOptions options) {
            this.name = name;
            this.columns = columns;
            this.labelIndex = labelIndex;
            this.delimiter = options.delimiter();
            this.minLabel = options.minLabel();
            this.maxLabel = options.maxLabel();
        }

        /** Writes the row's pixels at {@code out[at...]} and returns its label. */
        int parseRow(String line, long lineNo, byte[] out, int at) throws DatasetFormatException {
            int width = columns.size();
            int field = 0;
            int pos = 0;
            int len = line.length();
            int label = 0;
            int px = at;
            while (true) {
                int end = line.indexOf(delimiter, pos);
                if (end < 0) {
                    end = len;
                }
                if (field >= width) {
                    throw new DatasetFormatException(name, lineNo, "the row has more than the header's " + width
                            + " fields (" + count(line) + ")");
                }
                long v = parseInt(line, pos, end, lineNo, field);
                if (field == labelIndex) {
                    if (v < minLabel || v > maxLabel) {
                        throw new DatasetFormatException(name, lineNo, "label " + v + " is outside "
                                + minLabel + ".." + maxLabel);
                    }
                    label = (int) v;
                } else {
                    if (v < 0 || v > 255) {
                        throw new DatasetFormatException(name, lineNo, "value " + v + " in column '"
                                + columns.get(field) + "' (field " + (field + 1) + ") is outside 0..255");
                    }
                    out[px++] = (byte) v;
                }
                field++;
                if (end == len) {
                    break;
                }
                pos = end + 1;
            }
            if (field != width) {
                throw new DatasetFormatException(name, lineNo, "the row has " + field + " fields, the header has "
                        + width);
            }
            return label;
        }

        private int count(String line) {
            int n = 1;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == delimiter) {
                    n++;
                }
            }
            return n;
        }

        private long parseInt(String s, int from, int to, long lineNo, int field) throws DatasetFormatException {
            int a = from;
            int b = to;
            while (a < b && s.charAt(a) <= ' ') {
                a++;
            }
            while (b > a && s.charAt(b - 1) <= ' ') {
                b--;
            }
            if (b - a >= 2 && s.charAt(a) == '"' && s.charAt(b - 1) == '"') {
                a++;
                b--;
            }
            int i = a;
            boolean negative = false;
            if (i < b && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            long v = 0;
            int digits = 0;
            for (; i < b; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                digits++;
                if (v > Integer.MAX_VALUE) {
                    throw bad(s, a, b, lineNo, field, "too large");
                }
            }
            if (i < b && s.charAt(i) == '.') {
                for (i++; i < b && s.charAt(i) == '0'; i++) {
                    // a whole number written as 12.0 is accepted
                }
            }
            if (digits == 0 || i != b) {
                throw bad(s, a, b, lineNo, field, a == b ? "empty" : "not an integer");
            }
            return negative ? -v : v;
        }

        private DatasetFormatException bad(String s, int a, int b, long lineNo, int field, String why) {
            String cell = s.substring(a, Math.min(b, a + 40));
            return new DatasetFormatException(name, lineNo, "column '" + columns.get(field) + "' (field "
                    + (field + 1) + ") holds '" + cell + "': " + why + (why.equals("empty") ? " cell" : ""));
        }
    }
}
