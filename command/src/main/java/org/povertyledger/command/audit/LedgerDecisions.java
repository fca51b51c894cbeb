package org.povertyledger.command.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.shared.audit.value.ReplayScope;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;

/**
 * Reads the recorded decisions of a scope from the ledger itself, never from a read model: a projection that is
 * behind, rebuilt wrongly or edited would otherwise hide exactly what an audit looks for. Only the payloads of
 * assessments, corrections and the household moves that give each decision its commune are deserialized.
 */
final class LedgerDecisions {

    private static final String RECORDED = AssessmentRecordedEvent.class.getName();
    private static final String CORRECTED = AssessmentCorrectedEvent.class.getName();
    private static final String REGISTERED = HouseholdRegisteredEvent.class.getName();
    private static final String MOVED = HouseholdDetailsUpdatedEvent.class.getName();

    private final EventStorageEngine engine;
    /** Per household: the commune from each registration or move on, by the aggregate sequence it happened at. */
    private final Map<String, TreeMap<Long, Location>> communes = new HashMap<>();

    LedgerDecisions(EventStorageEngine engine) {
        this.engine = engine;
    }

    /**
     * Hands every decision of {@code scope} between {@code from} and {@code to} (inclusive) to {@code sink}, in
     * position order, and reports the last position read to {@code scanned} now and then.
     */
    void scan(ReplayScope scope, long from, long to, Consumer<RecordedDecision> sink, LongConsumer scanned) {
        if (to < from) {
            return;
        }
        String household = scope.householdId() == null ? null : scope.householdId().value();
        try (Stream<? extends TrackedEventMessage<?>> events =
                     engine.readEvents(new GlobalSequenceTrackingToken(from - 1), false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            long count = 0;
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                long position = ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
                if (position > to) {
                    break;
                }
                if (++count % 1024 == 0) {
                    scanned.accept(position);
                }
                if (!(message instanceof DomainEventMessage<?> domain)
                        || (household != null && !household.equals(domain.getAggregateIdentifier()))) {
                    continue;
                }
                String type = message.getPayloadType().getName();
                if (type.equals(RECORDED) || type.equals(CORRECTED)) {
                    RecordedDecision decision = decision(domain, position);
                    if (scope.covers(decision.householdId(), decision.communeCode(), decision.reviewYear())) {
                        sink.accept(decision);
                    }
                } else if (type.equals(REGISTERED) || type.equals(MOVED)) {
                    noteMove(domain);
                }
            }
        }
        scanned.accept(to);
    }

    private void noteMove(DomainEventMessage<?> domain) {
        Object payload = domain.getPayload();
        if (payload instanceof HouseholdRegisteredEvent registered) {
            timeline(domain.getAggregateIdentifier()).putIfAbsent(domain.getSequenceNumber(),
                    new Location(registered.communeCode().value(), registered.village()));
        } else if (payload instanceof HouseholdDetailsUpdatedEvent updated) {
            timeline(domain.getAggregateIdentifier()).putIfAbsent(domain.getSequenceNumber(),
                    new Location(updated.communeCode().value(), updated.village()));
        }
    }

    private TreeMap<Long, Location> timeline(String householdId) {
        return communes.computeIfAbsent(householdId, id -> new TreeMap<>());
    }

    /**
     * The household's commune just before the event at {@code sequence}. A household registered before the scanned
     * range has its moves read from its own stream, once.
     */
    private Location locationAt(String householdId, long sequence) {
        TreeMap<Long, Location> moves = communes.get(householdId);
        if (moves == null) {
            moves = timeline(householdId);
            DomainEventStream stream = engine.readEvents(householdId, 0);
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                Class<?> type = event.getPayloadType();
                if (type == HouseholdRegisteredEvent.class || type == HouseholdDetailsUpdatedEvent.class) {
                    noteMove(event);
                }
            }
        }
        Map.Entry<Long, Location> entry = moves.lowerEntry(sequence);
        return entry == null ? Location.UNKNOWN : entry.getValue();
    }

    private RecordedDecision decision(DomainEventMessage<?> message, long position) {
        String actor = (String) message.getMetaData().get(MetadataKeys.ACTOR_ID);
        Instant recordedAt = message.getTimestamp();
        String householdId = message.getAggregateIdentifier();
        Location location = locationAt(householdId, message.getSequenceNumber());
        if (message.getPayload() instanceof AssessmentRecordedEvent e) {
            return new RecordedDecision(position, message.getIdentifier(), RecordedDecision.Kind.ASSESSMENT,
                    householdId, location.commune(), location.village(), message.getIdentifier(), e.reviewYear(),
                    e.reviewKind(), e.surveyDate(), e.area(),
                    e.incomePerCapitaMonthly(), e.livelihood(), e.deprivations(), e.rulebookId(),
                    e.rulebookVersion(), e.status(), e.deprivationCount(), e.decisionRef(), e.effectiveDate(),
                    actor, recordedAt);
        }
        AssessmentCorrectedEvent e = (AssessmentCorrectedEvent) message.getPayload();
        return new RecordedDecision(position, message.getIdentifier(), RecordedDecision.Kind.CORRECTION,
                householdId, location.commune(), location.village(), e.assessmentId(), e.reviewYear(),
                e.reviewKind(), e.surveyDate(), e.area(),
                e.incomePerCapitaMonthly(), e.livelihood(), e.deprivations(), e.rulebookId(), e.rulebookVersion(),
                e.status(), e.deprivationCount(), e.decisionRef(), e.effectiveDate(), actor, recordedAt);
    }

    /** Where a household was registered or moved to. */
    private record Location(String commune, String village) {
        static final Location UNKNOWN = new Location(null, null);
    }
}
