package org.povertyledger.query.geography;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.shared.geography.event.UnitDissolvedEvent;
import org.povertyledger.shared.geography.event.UnitRegisteredEvent;
import org.povertyledger.shared.geography.event.UnitRenamedEvent;
import org.povertyledger.shared.geography.event.UnitReparentedEvent;
import org.povertyledger.shared.geography.event.UnitsMergedEvent;
import org.povertyledger.shared.geography.query.LineageLink;
import org.povertyledger.shared.geography.query.UnitNode;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitLevel;

/** The map folded from its events, read on several dates. */
class GeographyModelTest {

    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final LocalDate LATER = LocalDate.of(2027, 1, 1);

    private final List<ReferenceLog.Entry> entries = new ArrayList<>();

    private void add(Object event) {
        entries.add(new ReferenceLog.Entry(entries.size() + 1, Instant.EPOCH, GeographyEntries.typeOf(event),
                GeographyEntries.encode(event)));
    }

    private static UnitRegisteredEvent unit(String code, UnitLevel level, String parent, LocalDate from) {
        return new UnitRegisteredEvent(new UnitCode(code), "Unit " + code, level,
                parent == null ? null : new UnitCode(parent), Set.of(), from, "QD");
    }

    private GeographyModel lak() {
        add(unit("66", UnitLevel.PROVINCE, null, START));
        add(unit("653", UnitLevel.DISTRICT, "66", START));
        add(unit("A", UnitLevel.COMMUNE, "653", START));
        add(unit("B", UnitLevel.COMMUNE, "653", START));
        add(unit("C", UnitLevel.COMMUNE, "653", START));
        add(unit("N", UnitLevel.COMMUNE, "66", REFORM));
        add(new UnitsMergedEvent(List.of(new UnitCode("A"), new UnitCode("B")), new UnitCode("N"), REFORM, "NQ"));
        add(new UnitReparentedEvent(new UnitCode("C"), new UnitCode("653"), new UnitCode("66"), REFORM, "NQ"));
        add(new UnitDissolvedEvent(new UnitCode("653"), REFORM, "NQ"));
        add(new UnitRenamedEvent(new UnitCode("C"), "Unit C", "Yang Tao", REFORM, "NQ"));
        add(unit("Z", UnitLevel.COMMUNE, "66", LATER));
        add(new UnitsMergedEvent(List.of(new UnitCode("N"), new UnitCode("C")), new UnitCode("Z"), LATER, "NQ"));
        return GeographyModel.fold(entries);
    }

    @Test
    void scopeOnTheOldMapCoversTheSuccessorAndScopeOnTheNewMapCoversItsPredecessors() {
        add(unit("654", UnitLevel.DISTRICT, "66", START));
        add(unit("Q", UnitLevel.COMMUNE, "654", START));
        GeographyModel map = lak();
        // A merged into N (with B) in 2025, N into Z (with C) later: one administration across the merges
        assertThat(map.scopeOf(List.of("A"))).containsExactly("A", "B", "C", "N", "Z");
        assertThat(map.scopeOf(List.of("N"))).containsExactly("A", "B", "C", "N", "Z");
        // the abolished district still covers its communes and what they became; never the neighbour district
        assertThat(map.scopeOf(List.of("653"))).containsExactly("653", "A", "B", "C", "N", "Z");
        assertThat(map.scopeOf(List.of("654"))).containsExactly("654", "Q");
        assertThat(map.scopeOf(List.of("66"))).contains("653", "654", "A", "Q", "Z");
        // a code the map does not know covers itself only
        assertThat(map.scopeOf(List.of("99999"))).containsExactly("99999");
    }

    @Test
    void recordedCodesStandForTheirSuccessorFromTheMergeDate() {
        GeographyModel map = lak();
        assertThat(map.successorOn("A", REFORM.minusDays(1))).isEqualTo("A");
        assertThat(map.successorOn("A", REFORM)).isEqualTo("N");
        assertThat(map.successorOn("A", LATER)).isEqualTo("Z");
        assertThat(map.communesCovering("N", REFORM)).containsExactly("A", "B", "N");
        assertThat(map.communesCovering("Z", LATER)).containsExactly("A", "B", "C", "N", "Z");
        assertThat(map.communesCovering("653", LocalDate.of(2024, 12, 31))).containsExactly("A", "B", "C");
        assertThat(map.communesCovering("66", REFORM)).containsExactly("A", "B", "C", "N");
    }

    @Test
    void defaultMapDatesStayInsideTheUnitsValidity() {
        GeographyModel map = lak();
        assertThat(map.defaultMapDate(map.unit("653").orElseThrow(), 2024)).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(map.defaultMapDate(map.unit("653").orElseThrow(), 2025)).isEqualTo(REFORM.minusDays(1));
        assertThat(map.defaultMapDate(map.unit("N").orElseThrow(), 2024)).isEqualTo(REFORM);
        assertThat(map.defaultMapDate(map.unit("N").orElseThrow(), 2026)).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void theTreeAndNamesFollowTheDate() {
        GeographyModel map = lak();
        List<UnitNode> before = map.tree(LocalDate.of(2024, 12, 31));
        assertThat(before).extracting(UnitNode::unitCode).containsExactly("66");
        assertThat(before.get(0).children()).extracting(UnitNode::unitCode).containsExactly("653");
        assertThat(before.get(0).children().get(0).children()).extracting(UnitNode::unitCode)
                .containsExactly("A", "B", "C");
        List<UnitNode> after = map.tree(REFORM);
        assertThat(after.get(0).children()).extracting(UnitNode::unitCode).containsExactly("C", "N");
        assertThat(after.get(0).children().get(0).name()).isEqualTo("Yang Tao");
        assertThat(before.get(0).children().get(0).children().get(2).name()).isEqualTo("Unit C");
    }

    @Test
    void lineageRunsBothWays() {
        GeographyModel map = lak();
        assertThat(map.predecessors(map.unit("Z").orElseThrow())).extracting(LineageLink::fromCode)
                .containsExactly("A", "B", "C", "N");
        assertThat(map.successors(map.unit("A").orElseThrow()))
                .containsExactly(new LineageLink("A", "N", REFORM), new LineageLink("N", "Z", LATER));
        assertThat(GeographyModel.endReason(map.unit("653").orElseThrow())).isEqualTo("DISSOLVED");
    }
}
