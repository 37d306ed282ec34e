package dev.lamina.callbacks;

import dev.lamina.core.LaminaIOException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keras' CSVLogger: one row per epoch ({@code epoch} then the metrics in sorted order) to a CSV file. */
public final class CSVLogger extends Callback {

    private final Path file;
    private String separator = ",";
    private boolean append;
    private List<String> keys;
    private Writer writer;

    /**
     * @param file the CSV file
     */
    public CSVLogger(Path file) {
        this.file = file;
    }

    /**
     * The separator (default {@code ","}).
     *
     * @param separator the separator
     * @return this callback
     */
    public CSVLogger separator(String separator) {
        this.separator = separator;
        return this;
    }

    /**
     * Append to an existing file instead of overwriting it (default false).
     *
     * @param append whether to append
     * @return this callback
     */
    public CSVLogger append(boolean append) {
        this.append = append;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            boolean existing = append && Files.exists(file) && Files.size(file) > 0;
            writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            keys = existing ? List.of() : null;
        } catch (IOException e) {
            throw new LaminaIOException("CSVLogger: cannot open " + file, e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        try {
            if (keys == null || keys.isEmpty()) {
                boolean writeHeader = keys == null;
                keys = new ArrayList<>(new java.util.TreeMap<>(logs).keySet());
                if (writeHeader) {
                    writer.write("epoch" + separator + String.join(separator, keys) + "\n");
                }
            }
            StringBuilder row = new StringBuilder().append(epoch);
            for (String k : keys) {
                Double v = logs.get(k);
                row.append(separator).append(v == null ? "NA" : v.toString());
            }
            writer.write(row.append('\n').toString());
            writer.flush();
        } catch (IOException e) {
            throw new LaminaIOException("CSVLogger: cannot write " + file, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new LaminaIOException("CSVLogger: cannot close " + file, e);
        }
    }
}
