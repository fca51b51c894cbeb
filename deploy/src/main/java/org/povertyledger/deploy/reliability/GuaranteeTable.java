package org.povertyledger.deploy.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary table of a reliability run: one row per guarantee (what it proved, under what load, which faults
 * were injected, what was lost, duplicated and detected). Printed by the test suite at the end of a build and by
 * the jar's {@code soak} command.
 */
public final class GuaranteeTable {

    static final List<String> HEADER = List.of("test", "load", "faults injected", "lost", "duplicated", "detected");

    private GuaranteeTable() {
    }

    /** A plain-text table with a header, columns padded to their widest cell. */
    public static String render(List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < widths.length && i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder(System.lineSeparator()).append("Guarantees (")
                .append(rows.size()).append(rows.size() == 1 ? " test" : " tests").append(')')
                .append(System.lineSeparator());
        for (int r = 0; r < all.size(); r++) {
            List<String> row = all.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = i < row.size() ? row.get(i) : "";
                line.append(i == 0 ? "| " : " | ").append(cell).append(" ".repeat(widths[i] - cell.length()));
            }
            out.append(line).append(" |").append(System.lineSeparator());
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    rule.append(i == 0 ? "|-" : "-|-").append("-".repeat(widths[i]));
                }
                out.append(rule).append("-|").append(System.lineSeparator());
            }
        }
        return out.toString();
    }
}
