package org.povertyledger.command.importing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.povertyledger.shared.common.ErrorCode;

/**
 * Where each {@link Column} sits in a file, found from its header row. Unknown headers (a row counter, notes)
 * are ignored and reported; a missing required column or a column named twice refuses the file.
 */
public final class ColumnLayout {

    private final Map<Column, Integer> positions;
    private final Map<Column, String> headers;
    private final List<String> ignored;

    private ColumnLayout(Map<Column, Integer> positions, Map<Column, String> headers, List<String> ignored) {
        this.positions = positions;
        this.headers = headers;
        this.ignored = ignored;
    }

    /**
     * @throws ImportFileException with code IMPORT_COLUMNS_INVALID naming the missing and duplicated columns
     */
    public static ColumnLayout of(List<String> header) {
        Map<Column, Integer> positions = new EnumMap<>(Column.class);
        Map<Column, String> headers = new EnumMap<>(Column.class);
        List<String> ignored = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i);
            if (text == null || text.isBlank()) {
                continue;
            }
            Optional<Column> column = Column.forHeader(text);
            if (column.isEmpty()) {
                ignored.add(text);
            } else if (positions.containsKey(column.get())) {
                duplicated.add(column.get().english());
            } else {
                positions.put(column.get(), i);
                headers.put(column.get(), text);
            }
        }
        List<String> missing = Arrays.stream(Column.values())
                .filter(c -> c.required() && !positions.containsKey(c))
                .map(Column::english)
                .toList();
        if (!missing.isEmpty() || !duplicated.isEmpty()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("missing", missing);
            details.put("duplicated", duplicated);
            details.put("ignored", ignored);
            details.put("expected", Arrays.stream(Column.values()).map(Column::templateHeader).toList());
            String message = !missing.isEmpty()
                    ? "the header row lacks required columns: " + String.join(", ", missing)
                    : "the header row names a column twice: " + String.join(", ", duplicated);
            throw new ImportFileException(ErrorCode.IMPORT_COLUMNS_INVALID,
                    !missing.isEmpty() ? "required-columns" : "unique-columns", message, details);
        }
        return new ColumnLayout(positions, headers, List.copyOf(ignored));
    }

    /** The column's cell in a row, or {@code null} when the column is absent or the cell is missing. */
    Cell cell(List<Cell> cells, Column column) {
        Integer position = positions.get(column);
        if (position == null || position >= cells.size()) {
            return null;
        }
        return cells.get(position);
    }

    /** Whether the file has this column. */
    boolean has(Column column) {
        return positions.containsKey(column);
    }

    /** The file's own header text of the column, or its English name when the file lacks it. */
    String header(Column column) {
        return headers.getOrDefault(column, column.english());
    }

    /** A cell reference such as {@code H12}, or {@code null} when the file lacks the column. */
    String cellReference(Column column, long row) {
        Integer position = positions.get(column);
        if (position == null) {
            return null;
        }
        StringBuilder letters = new StringBuilder();
        int n = position + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            letters.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return letters.toString() + row;
    }

    /** Header texts that name no column; their cells are ignored. */
    public List<String> ignored() {
        return ignored;
    }
}
