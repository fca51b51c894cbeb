package org.povertyledger.command.household;

import org.povertyledger.command.review.ReviewPeriodLookup;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.rulebook.RulebookRegistry;

/**
 * The ledger snapshots households with a Jackson serializer; a snapshot that lost part of the state
 * would let a loaded household take decisions on less than its history.
 */
class HouseholdSnapshotTest {

    private static final HouseholdId HOUSEHOLD = new HouseholdId("HH-26-002");

    /** Configured like the ledger's mapper, which sorts map entries by key. */
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS))
            .build();

    @Test
    void jacksonSnapshotOfAHouseholdKeepsAllOfItsState() {
        FixtureConfiguration<Household> fixture = new AggregateTestFixture<>(Household.class);
        fixture.registerInjectableResource(RulebookRegistry.national());
        fixture.registerInjectableResource((ReviewPeriodLookup) (commune, year) -> ReviewPeriodLookup.PeriodStatus.OPEN);
        AtomicReference<Household> household = new AtomicReference<>();

        fixture.givenCommands(
                        new RegisterHouseholdCommand(HOUSEHOLD, new CommuneCode("26098"), "Thon Ban Cuon", Area.URBAN,
                                "Y Blang", "Ede", true, 6),
                        assessment(2021, ReviewKind.PERIODIC, 1_800_000, "EMPLOYMENT", "NUTRITION", "DEPENDANTS"))
                .when(assessment(2022, ReviewKind.ON_DEMAND, 2_100_000))
                .expectSuccessfulHandlerExecution()
                .expectState(household::set);

        SerializedObject<String> snapshot = serializer.serialize(household.get(), String.class);
        Household restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(household.get());
        assertThat(snapshot.getData()).contains("\"everPoor\":true", "\"status\":\"NOT_POOR\"", "2022-12-15");
    }

    private static RecordAssessmentCommand assessment(int reviewYear, ReviewKind kind, long income,
                                                      String... deprivations) {
        return new RecordAssessmentCommand(HOUSEHOLD, new ReviewYear(reviewYear), kind,
                LocalDate.of(reviewYear, 10, 15),
                new AssessmentFindings(new Vnd(income), Livelihood.OTHER, Set.of(deprivations)),
                "QD-" + reviewYear, LocalDate.of(reviewYear, 12, 15));
    }
}
