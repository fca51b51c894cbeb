package org.povertyledger.command.importing;

/**
 * One reason a row was refused.
 *
 * @param column the column's English name ({@code members}); {@code null} when the refusal concerns the row
 * @param header the column's header as the file wrote it
 * @param cell the cell reference, e.g. {@code H12}
 * @param rule the broken rule, named as the HTTP API names it ({@code min:1}, {@code type:integer},
 *        {@code known-indicator}, {@code no-formula}, ...)
 * @param message a sentence for the officer
 */
public record RowProblem(String column, String header, String cell, String rule, String message) {
}
