package io.nas.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** One progress line of a long-running command, flushed at once so the user sees it as it happens. */
final class ProgressLine {

    private ProgressLine() {
    }

    static void print(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
