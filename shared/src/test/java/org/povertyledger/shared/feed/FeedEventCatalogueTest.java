package org.povertyledger.shared.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.povertyledger.shared.feed.event.WebhookSubscriptionCreatedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;

class FeedEventCatalogueTest {

    @Test
    void namesEveryHouseholdEventWithAVersion() {
        assertThat(FeedEventCatalogue.names()).contains("household.assessed.v1", "household.registered.v1")
                .allMatch(name -> name.matches(".*\\.v[0-9]+"));
        assertThat(FeedEventCatalogue.byPayloadType(AssessmentRecordedEvent.class).orElseThrow().name())
                .isEqualTo("household.assessed.v1");
        assertThat(FeedEventCatalogue.byName("household.assessed.v1").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void marksTheHeadOfHouseholdNameAsPersonal() {
        assertThat(FeedEventCatalogue.byPayloadType(HouseholdRegisteredEvent.class).orElseThrow().personalFields())
                .containsExactly("headName");
    }

    @Test
    void neverPublishesSubscriptionEventsWhichCarryTheSecret() {
        assertThat(FeedEventCatalogue.byPayloadType(WebhookSubscriptionCreatedEvent.class)).isEmpty();
    }
}
