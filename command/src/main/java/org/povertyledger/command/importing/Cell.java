package org.povertyledger.command.importing;

/**
 * One non-blank cell as the file holds it. A spreadsheet's formula is never evaluated: its kind says it was
 * a formula and the row is refused.
 *
 * @param text the cell's text (for a number, its shortest decimal form)
 * @param kind what the cell held
 * @param number the numeric value for {@link Kind#NUMBER}, otherwise NaN
 */
public record Cell(String text, Kind kind, double number) {

    /** What kind of value a cell held. */
    public enum Kind {
        TEXT, NUMBER, BOOLEAN, FORMULA, ERROR
    }

    static Cell text(String text) {
        return new Cell(text, Kind.TEXT, Double.NaN);
    }

    static Cell number(double value) {
        return new Cell(NumberText.of(value), Kind.NUMBER, value);
    }

    /** Whether the cell holds nothing but white space. */
    public boolean isBlank() {
        return kind == Kind.TEXT && text.isBlank();
    }
}
