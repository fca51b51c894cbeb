package org.povertyledger.command.demo;

import java.time.LocalDate;

/**
 * One generated command with the metadata it is sent with.
 *
 * @param phase the step of the district's history the command belongs to (e.g. {@code geography/2020},
 *        {@code households/2023/periodic}, {@code funding/2024}); a loader finishes every command of a phase before
 *        it sends the first of the next, because later phases refer to what earlier ones created (allocations named
 *        by benefits, households named by outputs)
 * @param streamKey the aggregate the command targets (its stream id); commands of one aggregate are sent in order
 * @param command the command, or an {@link ObservationCorrection} that becomes one once the observation it
 *        corrects has been recorded
 * @param idempotencyKey unique per command of the district, so a reload writes nothing twice
 */
public record DemoCommand(String phase, String streamKey, Object command, String idempotencyKey, String legalBasis,
                          String reason, LocalDate effectiveDate) {

    /** One line naming everything that is sent, for the stream's digest. */
    public String canonical() {
        return phase + "|" + idempotencyKey + "|" + legalBasis + "|" + reason + "|" + effectiveDate + "|" + command;
    }
}
