package org.povertyledger.shared.programme.query;

import java.math.BigDecimal;

import org.povertyledger.shared.programme.value.OutputCode;

/**
 * One output of a sub-project in a year against its plan.
 *
 * @param communeCode the commune, or {@code null} for the sub-project as a whole (a plan without a commune is
 *        compared with the outputs of every commune)
 * @param planned the planned quantity, {@code null} when nothing was planned
 * @param achievementRate achieved as a percentage of planned (2 decimals), {@code null} without a plan
 * @param records the number of output records counted
 * @param beneficiaryHouseholds distinct households named by those records
 */
public record OutputPlanRow(
        String projectCode,
        String subProjectCode,
        OutputCode outputCode,
        String unit,
        int year,
        String communeCode,
        BigDecimal planned,
        BigDecimal achieved,
        BigDecimal achievementRate,
        int records,
        int beneficiaryHouseholds) {
}
