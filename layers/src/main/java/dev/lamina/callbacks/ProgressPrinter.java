package dev.lamina.callbacks;

import java.io.PrintStream;

/**
 * Where the progress bar writes. The default writes to standard output and redraws the current line
 * with a carriage return only on a terminal; elsewhere (logs, CI) it writes finished lines only.
 */
public interface ProgressPrinter {

    /**
     * Shows the current, unfinished state of a line (a live bar).
     *
     * @param line the text
     */
    void update(String line);

    /**
     * Whether {@link #update} shows anything. A logger need not build the text of live updates
     * for a printer that drops them: at one redraw each 50 ms, that text was the bulk of the Java
     * garbage of a long training written to a log.
     *
     * @return true unless this printer ignores updates
     */
    default boolean showsUpdates() {
        return true;
    }

    /**
     * Writes a finished line.
     *
     * @param line the text
     */
    void line(String line);

    /**
     * A printer on a stream.
     *
     * @param out the stream
     * @param terminal whether the stream is a terminal that understands carriage returns
     * @return the printer
     */
    static ProgressPrinter of(PrintStream out, boolean terminal) {
        return new ProgressPrinter() {
            private int lastLength;

            @Override
            public void update(String line) {
                if (terminal) {
                    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
                    out.flush();
                    lastLength = line.length();
                }
            }

            @Override
            public boolean showsUpdates() {
                return terminal;
            }

            @Override
            public void line(String line) {
                if (terminal && lastLength > 0) {
                    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())) + "\n");
                } else {
                    out.println(line);
                }
                out.flush();
                lastLength = 0;
            }
        };
    }

    /** @return standard output, with live updates when it is a terminal */
    static ProgressPrinter console() {
        return of(System.out, System.console() != null);
    }
}
