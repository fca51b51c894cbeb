package org.povertyledger.command.demo;

import java.time.LocalDate;

/**
 * One generated command with the metadata it is sent with.
 *
 * @param householdId the aggregate it targets; commands of one household are sent in order
 * @param idempotencyKey unique per command of the district, so a reload writes nothing twice
 */
public record DemoCommand(String householdId, Object command, String idempotencyKey, String legalBasis,
                          String reason, LocalDate effectiveDate) {

    /** One line naming everything that is sent, for the stream's digest. */
    public String canonical() {
        return idempotencyKey + "|" + legalBasis + "|" + reason + "|" + effectiveDate + "|" + command;
    }
}
