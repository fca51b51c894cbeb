package org.povertyledger.command.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.ReviewKind;

/**
 * What the ledger holds about one household, read from its own event stream (not from a projection, which
 * may lag): the register entry with its latest details, and every assessment with the findings it was
 * recorded with and every correction's findings. Used to tell a repeated row (unchanged) from a contradicting
 * one (refused) before anything is written.
 */
record HouseholdRecord(HouseholdRegisteredEvent registered, String communeCode, String village, int members,
                       List<RecordedAssessment> assessments) {

    /** One assessment: its kind and year, the idempotency key it was recorded under, its findings over time. */
    record RecordedAssessment(String assessmentId, int reviewYear, ReviewKind kind, String idempotencyKey,
                              List<Findings> versions) {
    }

    /** The inputs an assessment row carries. */
    record Findings(LocalDate surveyDate, long income, String livelihood, SortedSet<String> deprivations,
                    String decisionRef, LocalDate effectiveDate) {
    }

    /** Reads the household's stream from its first event; empty when it is not registered. */
    static Optional<HouseholdRecord> read(EventStore eventStore, String householdId) {
        HouseholdRegisteredEvent registered = null;
        String commune = null;
        String village = null;
        int members = 0;
        Map<String, RecordedAssessment> assessments = new LinkedHashMap<>();
        DomainEventStream stream = eventStore.readEvents(householdId, 0L);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof HouseholdRegisteredEvent event) {
                registered = event;
                commune = event.communeCode().value();
                village = event.village();
                members = event.members();
            } else if (payload instanceof HouseholdDetailsUpdatedEvent event) {
                commune = event.communeCode().value();
                village = event.village();
                members = event.members();
            } else if (payload instanceof AssessmentRecordedEvent event) {
                Object key = message.getMetaData().get(MetadataKeys.IDEMPOTENCY_KEY);
                List<Findings> versions = new ArrayList<>();
                versions.add(new Findings(event.surveyDate(), event.incomePerCapitaMonthly(), event.livelihood().name(),
                        new TreeSet<>(event.deprivations()), event.decisionRef(), event.effectiveDate()));
                assessments.put(message.getIdentifier(), new RecordedAssessment(message.getIdentifier(),
                        event.reviewYear(), event.reviewKind(), key == null ? null : key.toString(), versions));
            } else if (payload instanceof AssessmentCorrectedEvent event) {
                RecordedAssessment corrected = assessments.get(event.assessmentId());
                if (corrected != null) {
                    corrected.versions().add(new Findings(event.surveyDate(), event.incomePerCapitaMonthly(),
                            event.livelihood().name(), new TreeSet<>(event.deprivations()), event.decisionRef(),
                            event.effectiveDate()));
                }
            }
        }
        if (registered == null) {
            return Optional.empty();
        }
        return Optional.of(new HouseholdRecord(registered, commune, village, members, List.copyOf(assessments.values())));
    }
}
