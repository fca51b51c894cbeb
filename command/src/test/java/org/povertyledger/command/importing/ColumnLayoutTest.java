package org.povertyledger.command.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.ErrorCode;

class ColumnLayoutTest {

    @Test
    void recognisesVietnameseEnglishAndTemplateHeadersInAnyOrder() {
        List<String> vietnamese = new ArrayList<>(Arrays.stream(Column.values()).map(Column::vietnamese).toList());
        java.util.Collections.reverse(vietnamese);
        vietnamese.add(0, "STT");

        ColumnLayout layout = ColumnLayout.of(vietnamese);

        assertThat(layout.has(Column.INCOME)).isTrue();
        // reversed after the row counter: the last column (posting_place) sits in B, effective_date seven later
        assertThat(layout.cellReference(Column.POSTING_PLACE, 5)).isEqualTo("B5");
        assertThat(layout.cellReference(Column.EFFECTIVE_DATE, 5)).isEqualTo("I5");
        assertThat(layout.ignored()).containsExactly("STT");
        assertThat(ColumnLayout.of(Arrays.stream(Column.values()).map(Column::templateHeader).toList()).ignored()).isEmpty();
        assertThat(Column.forHeader("MÃ HỘ")).contains(Column.HOUSEHOLD_ID);
        assertThat(Column.forHeader("Household ID")).contains(Column.HOUSEHOLD_ID);
        assertThat(Column.forHeader("incomePerCapitaMonthly")).contains(Column.INCOME);
    }

    @Test
    void refusesAHeaderWithoutTheRequiredColumnsNamingThem() {
        List<String> header = Arrays.stream(Column.values())
                .filter(c -> c != Column.MEMBERS && c != Column.DECISION_REF).map(Column::english).toList();

        assertThatThrownBy(() -> ColumnLayout.of(header))
                .isInstanceOfSatisfying(ImportFileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.IMPORT_COLUMNS_INVALID);
                    assertThat(e.rule()).isEqualTo("required-columns");
                    assertThat(e.details().get("missing")).isEqualTo(List.of("members", "decision_ref"));
                });
    }

    @Test
    void refusesAColumnNamedTwice() {
        List<String> header = new ArrayList<>(Arrays.stream(Column.values()).map(Column::english).toList());
        header.add("Số nhân khẩu");

        assertThatThrownBy(() -> ColumnLayout.of(header))
                .isInstanceOfSatisfying(ImportFileException.class, e -> assertThat(e.rule()).isEqualTo("unique-columns"));
    }
}
