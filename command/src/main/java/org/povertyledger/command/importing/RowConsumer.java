package org.povertyledger.command.importing;

import java.util.List;

/** Receives the rows of a file in order. */
@FunctionalInterface
interface RowConsumer {

    /**
     * @param rowNumber the row's number as a spreadsheet shows it (the header is row 1 when it is the first row)
     * @param cells the cells by column position, {@code null} where a cell is missing
     */
    void accept(long rowNumber, List<Cell> cells) throws InterruptedException;
}
