package org.povertyledger.query.report;

/**
 * Text for a spreadsheet cell that no spreadsheet program runs as a formula (CSV injection, OWASP "CSV
 * Injection"): text beginning with {@code = + - @}, a tab or a carriage return gets a leading apostrophe, which
 * Excel and LibreOffice show as text and hide. Numbers are written as numbers and never pass through here, so a
 * negative figure stays a number.
 */
public final class CellText {

    private CellText() {
    }

    public static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return switch (first) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
