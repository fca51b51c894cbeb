package org.povertyledger.shared.programme.event;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * The planned quantity of an output for a year was set, replacing any earlier plan for the same sub-project,
 * output, year and commune from {@code effectiveDate}.
 *
 * @param communeCode the commune planned for, or {@code null} for the whole sub-project
 * @param previousQuantity the quantity planned before, or {@code null} for a first plan
 */
public record OutputPlannedEvent(
        ProgrammeCode programmeCode,
        ProjectCode projectCode,
        SubProjectCode subProjectCode,
        OutputCode outputCode,
        int year,
        CommuneCode communeCode,
        BigDecimal quantity,
        String unit,
        BigDecimal previousQuantity,
        String decisionRef,
        LocalDate effectiveDate) {
}
