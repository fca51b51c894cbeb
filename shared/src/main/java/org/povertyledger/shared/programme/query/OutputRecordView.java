package org.povertyledger.shared.programme.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.programme.value.OutputCode;

/**
 * One recorded output.
 *
 * @param outputId the id of the event that recorded it
 * @param beneficiaries household ids named as beneficiaries
 */
public record OutputRecordView(
        String outputId,
        OutputCode outputCode,
        BigDecimal quantity,
        String unit,
        LocalDate periodFrom,
        LocalDate periodTo,
        String communeCode,
        List<String> beneficiaries,
        String allocationId,
        long position,
        Instant recordedAt) {
}
