package io.nas.cli;

import io.nas.contract.arch.MnasArchitecture;
import io.nas.contract.arch.NetworkFrame;
import io.nas.contract.count.BlockCost;
import io.nas.contract.count.NetworkCost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human form of a {@link NetworkCost}: one row per block, then stem, head, classifier and the totals. */
final class CostTable {

    private static final String[] HEADER = {"#", "block", "output", "params", "madds"};

    private CostTable() {
    }

    static String render(MnasArchitecture architecture, NetworkCost cost) {
        NetworkFrame frame = cost.frame();
        int lastFilters = architecture.blocks().get(architecture.blocks().size() - 1).outFilters();
        int lastResolution = cost.blocks().get(cost.blocks().size() - 1).outResolution();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "stem conv3x3/2 " + frame.inChannels() + "->" + frame.stem(),
                size(cost.stemResolution()), number(cost.stem().params()), number(cost.stem().madds())});
        for (BlockCost block : cost.blocks()) {
            rows.add(new String[] {String.valueOf(block.index()), block.block(), size(block.outResolution()),
                    number(block.params()), number(block.madds())});
        }
        rows.add(new String[] {"", "head conv1x1 " + lastFilters + "->" + frame.head(), size(lastResolution),
                number(cost.head().params()), number(cost.head().madds())});
        rows.add(new String[] {"", "classifier " + frame.head() + "->" + frame.classes(), "",
                number(cost.classifier().params()), number(cost.classifier().madds())});
        rows.add(new String[] {"", "total", "", number(cost.params()), number(cost.madds())});

        int[] widths = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Network at %dx%d, %d input channel%s, %d classes%n",
                frame.resolution(), frame.resolution(), frame.inChannels(), frame.inChannels() == 1 ? "" : "s",
                frame.classes()));
        line(text, HEADER, widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String[] row, int[] widths) {
        String format = "%" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %" + widths[3] + "s  %"
                + widths[4] + "s";
        text.append(String.format(Locale.ROOT, format, (Object[]) row).stripTrailing()).append('\n');
    }

    private static String size(int pixels) {
        return pixels + "x" + pixels;
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
