package dev.lamina.data;

/**
 * Options of {@link CsvImageDataset#load(java.nio.file.Path, CsvOptions)}: which column holds the
 * label, the delimiter, and an optional range the labels must fall in. Fluent; defaults suit
 * Sign-MNIST and Kaggle's MNIST CSVs (header row, column {@code label}, commas).
 *
 * <pre>{@code
 * CsvImageDataset d = CsvImageDataset.load(path, new CsvOptions().labelColumn("class").labelRange(0, 9));
 * }</pre>
 */
public final class CsvOptions {

    private String labelColumn = "label";
    private char delimiter = ',';
    private long minLabel = Integer.MIN_VALUE;
    private long maxLabel = Integer.MAX_VALUE;

    /** Creates the default options: label column {@code label}, comma-separated, any integer label. */
    public CsvOptions() {
    }

    /**
     * The default options.
     *
     * @return new default options
     */
    public static CsvOptions defaults() {
        return new CsvOptions();
    }

    /**
     * Sets the name of the label column in the header row (default {@code label}). Every other
     * column is a pixel column, in file order.
     *
     * @param name the header name
     * @return these options
     */
    public CsvOptions labelColumn(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("labelColumn must be a non-empty column name. Received: labelColumn="
                    + name);
        }
        this.labelColumn = name;
        return this;
    }

    /**
     * Sets the field delimiter (default {@code ','}).
     *
     * @param delimiter e.g. {@code ';'} or {@code '\t'}
     * @return these options
     */
    public CsvOptions delimiter(char delimiter) {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || Character.isDigit(delimiter)
                || delimiter == '-' || delimiter == '.') {
            throw new IllegalArgumentException("Invalid CSV delimiter. Received: delimiter='" + delimiter + "'");
        }
        this.delimiter = delimiter;
        return this;
    }

    /**
     * Requires every label to be in {@code [min, max]}; a label outside fails with its line number.
     *
     * @param min smallest allowed label
     * @param max largest allowed label
     * @return these options
     */
    public CsvOptions labelRange(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("labelRange needs min <= max. Received: min=" + min + ", max=" + max);
        }
        this.minLabel = min;
        this.maxLabel = max;
        return this;
    }

    /**
     * The label column's name.
     *
     * @return e.g. {@code label}
     */
    public String labelColumn() {
        return labelColumn;
    }

    /**
     * The field delimiter.
     *
     * @return e.g. {@code ','}
     */
    public char delimiter() {
        return delimiter;
    }

    long minLabel() {
        return minLabel;
    }

    long maxLabel() {
        return maxLabel;
    }

    @Override
    public String toString() {
        return "CsvOptions[labelColumn=" + labelColumn + ", delimiter='" + delimiter + "'"
                + (minLabel == Integer.MIN_VALUE && maxLabel == Integer.MAX_VALUE ? ""
                        : ", labelRange=[" + minLabel + ", " + maxLabel + "]") + "]";
    }
}
