package org.povertyledger.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.povertyledger.shared.access.UnitScope;

/** What a reader's scope lets through, on top of the units it asks for. */
class FeedFilterTest {

    private static final UnitScope LIEN_SON = UnitScope.of(List.of("24610", "24611", "24640"));

    @Test
    void aScopedReaderGetsOnlyEventsOfItsUnitsAndNoneWithoutAUnit() {
        FeedFilter filter = FeedFilter.of(List.of(), List.of()).within(LIEN_SON);
        assertThat(filter.matchesUnit("24610")).isTrue();
        assertThat(filter.matchesUnit("24640")).isTrue();
        assertThat(filter.matchesUnit("24700")).isFalse();
        assertThat(filter.matchesUnit(null)).isFalse();
    }

    @Test
    void askingForAUnitOutsideTheScopeMatchesNothingAndANationalReaderGetsEverything() {
        FeedFilter outside = FeedFilter.of(List.of(), List.of("24700")).within(LIEN_SON);
        assertThat(outside.matchesUnit("24700")).isFalse();
        assertThat(outside.matchesUnit("24610")).isFalse();
        FeedFilter national = FeedFilter.of(List.of(), List.of());
        assertThat(national.matchesUnit(null)).isTrue();
        assertThat(national.matchesUnit("24700")).isTrue();
    }

    @Test
    void theScopeIsPartOfTheCacheKey() {
        FeedFilter asked = FeedFilter.of(List.of(), List.of());
        assertThat(asked.within(LIEN_SON).key()).isNotEqualTo(asked.key());
        assertThat(asked.within(UnitScope.of(Set.of("24700"))).key()).isNotEqualTo(asked.within(LIEN_SON).key());
    }
}
