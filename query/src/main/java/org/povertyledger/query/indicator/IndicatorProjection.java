package org.povertyledger.query.indicator;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.povertyledger.query.geography.GeographyEntries;
import org.povertyledger.query.support.RecordedTimeIndex;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.query.support.VersionedCells;
import org.povertyledger.shared.audit.event.AssessmentRestatedEvent;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.geography.event.UnitDissolvedEvent;
import org.povertyledger.shared.geography.event.UnitFlagsChangedEvent;
import org.povertyledger.shared.geography.event.UnitRegisteredEvent;
import org.povertyledger.shared.geography.event.UnitRenamedEvent;
import org.povertyledger.shared.geography.event.UnitReparentedEvent;
import org.povertyledger.shared.geography.event.UnitsMergedEvent;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.event.ObservationCorrectedEvent;
import org.povertyledger.shared.indicator.event.ObservationRecordedEvent;
import org.povertyledger.shared.indicator.event.TargetSetEvent;
import org.povertyledger.shared.review.event.ReviewPeriodApprovedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodEvent;
import org.povertyledger.shared.review.event.ReviewPeriodLockedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodReturnedEvent;
import org.povertyledger.shared.review.event.ReviewPeriodSubmittedEvent;
import org.povertyledger.shared.rulebook.event.RulebookRegisteredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps the indicator read model, all of it in one processing group so that one log position describes a
 * consistent state of everything an answer combines:
 * <ul>
 * <li>{@value HouseholdFacts#COLLECTION}: per household, what its contribution to the counts depends on;</li>
 * <li>{@value #CELLS} (+ {@code _history}): per recorded commune and review year the counts, per reported
 * indicator, unit and year the observations, per rulebook version, recorded commune and review year what the
 * restatements under it change in the counts ({@link Counters#restatedCell}), each with every version since the
 * first event ({@link VersionedCells});</li>
 * <li>{@value #REFERENCE}: the geography, catalogue, review sign-off and rulebook registration events, folded by
 * readers at any position, and the head
 * (the last position processed and its time);</li>
 * <li>{@value #TIME_INDEX}: when each position was recorded ({@link RecordedTimeIndex}), which turns an
 * {@code asKnownAt} time into a position without searching the log.</li>
 * </ul>
 *
 * <p>Must run in <b>one segment</b>: counts of one commune are changed by events of many households, which two
 * segments would write concurrently.
 *
 * <p>A processing batch loads the households it touches with one {@code $in}, computes each event's change to
 * the counts (the household's contribution after the event minus before), and writes in this order: cells
 * (chunks, then heads), households, reference entries, time index, head. Every write is an idempotent upsert,
 * households and cells skip events at or below their position, so a batch that fails half-way and is retried
 * applies each event's change exactly once: a household is only written after the cells it changed.
 */
@ProcessingGroup(IndicatorProjection.PROCESSING_GROUP)
@AllowReplay
public class IndicatorProjection {

    public static final String PROCESSING_GROUP = "indicators";
    public static final String CELLS = "indicator_cells";
    public static final String REFERENCE = "indicator_reference_log";
    public static final String TIME_INDEX = "indicator_time_index";
    /**
     * The version of the documents kept ({@link org.povertyledger.query.support.ReadModelVersion}): 2 added the
     * coverage counters and the time index, 3 the review periods' sign-off in the reference log, 4 the restated
     * cells and the registered rulebook versions.
     */
    public static final int READ_MODEL_VERSION = 4;

    private static final Logger LOG = LoggerFactory.getLogger(IndicatorProjection.class);

    private final MongoCollection<Document> households;
    private final VersionedCells cells;
    private final ReferenceLog reference;
    private final RecordedTimeIndex timeIndex;
    private final String resourceKey = IndicatorProjection.class.getName() + "@" + System.identityHashCode(this);
    /** The last head written; the only writer is this (single-segment) projection. */
    private ReferenceLog.Head head;

    public IndicatorProjection(MongoDatabase database) {
        this.households = database.getCollection(HouseholdFacts.COLLECTION);
        this.cells = new VersionedCells(database, CELLS);
        this.reference = new ReferenceLog(database, REFERENCE);
        this.timeIndex = new RecordedTimeIndex(database, TIME_INDEX);
    }

    // ---------------------------------------------------------------------------------------------- households

    @EventHandler
    public void on(HouseholdRegisteredEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = positionOf(token);
        Batch batch = batch();
        batch.seen(position, recordedAt);
        String id = event.householdId().value();
        if (batch.household(id) == null) {
            batch.putHousehold(HouseholdFacts.registered(event, position));
        }
        batch.endOfMessage();
    }

    @EventHandler
    public void on(HouseholdDetailsUpdatedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        household(event.householdId().value(), token, recordedAt, (facts, position) ->
                facts.detailsUpdated(event, position));
    }

    @EventHandler
    public void on(AssessmentRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        household(event.householdId().value(), token, recordedAt, (facts, position) ->
                facts.assessmentRecorded(event, eventId, position));
    }

    @EventHandler
    public void on(AssessmentCorrectedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        household(event.householdId().value(), token, recordedAt, (facts, position) ->
                facts.assessmentCorrected(event, eventId, position));
    }

    /** Cards and loans count towards the coverage measures; other benefits only move the head. */
    @EventHandler
    public void on(BenefitRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        if (!HouseholdFacts.counts(event.kind())) {
            on((Object) event, token, recordedAt);
            return;
        }
        household(event.householdId().value(), token, recordedAt, (facts, position) ->
                facts.benefitRecorded(event, eventId, position));
    }

    /**
     * A restated outcome of one of the household's decisions: it changes the restated cells of its rulebook
     * version, never the decided ones.
     */
    @EventHandler
    public void on(AssessmentRestatedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        if (event.assessment().status() == null) {
            on((Object) event, token, recordedAt);
            return;
        }
        household(event.assessment().householdId(), token, recordedAt, (facts, position) ->
                facts.assessmentRestated(event, position));
    }

    private interface FactChange {
        void apply(HouseholdFacts facts, long position);
    }

    private void household(String householdId, TrackingToken token, Instant recordedAt, FactChange change) {
        long position = positionOf(token);
        Batch batch = batch();
        batch.seen(position, recordedAt);
        HouseholdFacts facts = batch.household(householdId);
        if (facts == null) {
            LOG.warn("Household {} is unknown to the indicators; event at position {} skipped", householdId, position);
        } else if (position > facts.position()) {
            Map<String, TreeMap<Integer, long[]>> before = facts.contributions();
            change.apply(facts, position);
            facts.applied(position);
            Map<String, TreeMap<Integer, long[]>> delta = HouseholdFacts.difference(before, facts.contributions());
            long millis = recordedAt.toEpochMilli();
            delta.forEach((cell, changes) -> batch.change(cell, position, millis, state -> {
                Steps steps = Steps.of(state);
                changes.forEach(steps::add);
                return steps.toDocument();
            }));
            batch.putHousehold(facts);
        }
        batch.endOfMessage();
    }

    // ------------------------------------------------------------------------------------ geography, catalogue

    @EventHandler
    public void on(UnitRegisteredEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        geography(event, token, recordedAt);
    }

    @EventHandler
    public void on(UnitRenamedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        geography(event, token, recordedAt);
    }

    @EventHandler
    public void on(UnitReparentedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        geography(event, token, recordedAt);
    }

    @EventHandler
    public void on(UnitFlagsChangedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        geography(event, token, recordedAt);
    }

    @EventHandler
    public void on(UnitsMergedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        geography(event, token, recordedAt);
    }

    @EventHandler
    public void on(UnitDissolvedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        geography(event, token, recordedAt);
    }

    private void geography(Object event, TrackingToken token, Instant recordedAt) {
        referenceEntry(GeographyEntries.typeOf(event), GeographyEntries.encode(event), token, recordedAt);
    }

    // ------------------------------------------------------------------------------------ review sign-off

    @EventHandler
    public void on(ReviewPeriodSubmittedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        period(event, token, recordedAt);
    }

    @EventHandler
    public void on(ReviewPeriodReturnedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        period(event, token, recordedAt);
    }

    @EventHandler
    public void on(ReviewPeriodApprovedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        period(event, token, recordedAt);
    }

    @EventHandler
    public void on(ReviewPeriodLockedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        period(event, token, recordedAt);
    }

    private void period(ReviewPeriodEvent event, TrackingToken token, Instant recordedAt) {
        referenceEntry(ReviewPeriods.STATE, ReviewPeriods.encode(event), token, recordedAt);
    }

    @EventHandler
    public void on(IndicatorDefinedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        referenceEntry(Catalogue.DEFINED, Catalogue.encode(event), token, recordedAt);
    }

    @EventHandler
    public void on(TargetSetEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        referenceEntry(Catalogue.TARGET_SET, Catalogue.encode(event), token, recordedAt);
    }

    /** A registered rulebook version: figures may be read as restated under it from here on. */
    @EventHandler
    public void on(RulebookRegisteredEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        referenceEntry(Catalogue.RULEBOOK_REGISTERED, Catalogue.encode(event), token, recordedAt);
    }

    private void referenceEntry(String type, Document data, TrackingToken token, Instant recordedAt) {
        long position = positionOf(token);
        Batch batch = batch();
        batch.seen(position, recordedAt);
        batch.reference(new ReferenceLog.Entry(position, recordedAt, type, data));
        batch.endOfMessage();
    }

    // ------------------------------------------------------------------------------------------- observations

    @EventHandler
    public void on(ObservationRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        long position = positionOf(token);
        Batch batch = batch();
        batch.seen(position, recordedAt);
        String cell = Counters.reportedCell(event.indicatorCode().value(), event.unitCode().value(), event.year());
        batch.change(cell, position, recordedAt.toEpochMilli(), state -> Observations.of(state)
                .with(new Observations.Observation(eventId, event.value(), event.source(), event.effectiveDate(),
                        position, false)).toDocument());
        batch.endOfMessage();
    }

    @EventHandler
    public void on(ObservationCorrectedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = positionOf(token);
        Batch batch = batch();
        batch.seen(position, recordedAt);
        String cell = Counters.reportedCell(event.indicatorCode().value(), event.unitCode().value(), event.year());
        batch.change(cell, position, recordedAt.toEpochMilli(), state -> Observations.of(state)
                .with(new Observations.Observation(event.observationId(), event.value(), event.source(),
                        event.effectiveDate(), position, true)).toDocument());
        batch.endOfMessage();
    }

    /** Every other event only moves the head: the answer at a position names the position. */
    @EventHandler
    public void on(Object event, TrackingToken token, @Timestamp Instant recordedAt) {
        Batch batch = batch();
        batch.seen(positionOf(token), recordedAt);
        batch.endOfMessage();
    }

    /** Empties the read model before a replay. */
    @ResetHandler
    public void reset() {
        ReadModelReset.clear(households);
        cells.clear();
        reference.clear();
        timeIndex.clear();
        head = null;
    }

    private static long positionOf(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("the indicator projection must run in a streaming event processor");
        }
        return token.position().orElseThrow(() -> new IllegalStateException("token " + token + " has no position"));
    }

    private Batch batch() {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            if (root.phase() == UnitOfWork.Phase.STARTED) {
                return root.getOrComputeResource(resourceKey, k -> new Batch(root));
            }
        }
        return new Batch(null);
    }

    private ReferenceLog.Head currentHead() {
        if (head == null) {
            head = reference.head();
        }
        return head;
    }

    /** What one processing batch changes, written at its end. */
    private final class Batch {

        private final UnitOfWork<?> unitOfWork;
        private final Map<String, HouseholdFacts> loaded = new HashMap<>();
        private final Map<String, HouseholdFacts> changedHouseholds = new LinkedHashMap<>();
        private final List<CellChange> changes = new ArrayList<>();
        private final List<ReferenceLog.Entry> entries = new ArrayList<>();
        private final Map<Long, Instant> recorded = new HashMap<>();
        private boolean prefetched;
        private long lastPosition = -1;
        private Instant lastRecordedAt;

        private Batch(UnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
            if (unitOfWork != null) {
                unitOfWork.onPrepareCommit(u -> flush());
            }
        }

        void seen(long position, Instant recordedAt) {
            recorded.put(position, recordedAt);
            if (position > lastPosition) {
                lastPosition = position;
                lastRecordedAt = recordedAt;
            }
        }

        HouseholdFacts household(String id) {
            if (!prefetched) {
                prefetched = true;
                prefetch(id);
            }
            if (!loaded.containsKey(id)) {
                Document document = households.find(eq("_id", id)).first();
                loaded.put(id, document == null ? null : HouseholdFacts.fromDocument(document));
            }
            return loaded.get(id);
        }

        void putHousehold(HouseholdFacts facts) {
            loaded.put(facts.householdId(), facts);
            changedHouseholds.put(facts.householdId(), facts);
        }

        void change(String cell, long position, long millis, UnaryOperator<Document> change) {
            changes.add(new CellChange(cell, position, millis, change));
        }

        void reference(ReferenceLog.Entry entry) {
            entries.add(entry);
        }

        /** Writes the batch while its last message is handled, or at once outside a batch. */
        void endOfMessage() {
            if (unitOfWork == null
                    || (unitOfWork instanceof BatchingUnitOfWork<?> batching && batching.isLastMessage())) {
                flush();
            }
        }

        private void prefetch(String firstId) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(firstId);
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
                for (Message<?> message : batching.getMessages()) {
                    String id = changesFacts(message.getPayload()) ? householdOf(message.getPayload()) : null;
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
            for (Document document : households.find(in("_id", ids))) {
                HouseholdFacts facts = HouseholdFacts.fromDocument(document);
                loaded.put(facts.householdId(), facts);
            }
            ids.forEach(id -> loaded.putIfAbsent(id, null));
        }

        void flush() {
            if (lastPosition < 0) {
                return;
            }
            if (!changes.isEmpty()) {
                Set<String> ids = new LinkedHashSet<>();
                changes.forEach(c -> ids.add(c.cell()));
                Map<String, VersionedCells.Cell> byId = cells.load(ids);
                Map<String, VersionedCells.Cell> changed = new LinkedHashMap<>();
                int i = 0;
                while (i < changes.size()) {
                    CellChange first = changes.get(i);
                    VersionedCells.Cell cell = byId.get(first.cell());
                    Document state = cell.state();
                    int j = i;
                    // Changes of one event to one cell make one version.
                    while (j < changes.size() && changes.get(j).cell().equals(first.cell())
                            && changes.get(j).position() == first.position()) {
                        state = changes.get(j).change().apply(state);
                        j++;
                    }
                    if (first.position() > cell.position()) {
                        cells.append(cell, first.position(), first.millis(), state);
                        changed.put(cell.id(), cell);
                    }
                    i = j;
                }
                cells.write(changed.values());
            }
            if (!changedHouseholds.isEmpty()) {
                List<ReplaceOneModel<Document>> models = new ArrayList<>(changedHouseholds.size());
                for (HouseholdFacts facts : changedHouseholds.values()) {
                    models.add(new ReplaceOneModel<>(eq("_id", facts.householdId()), facts.toDocument(),
                            new ReplaceOptions().upsert(true)));
                }
                households.bulkWrite(models, new BulkWriteOptions().ordered(false));
            }
            timeIndex.record(recorded);
            ReferenceLog.Head previous = currentHead();
            long added = entries.stream().filter(e -> e.position() > previous.lastEntryPosition()).count();
            reference.append(entries);
            long lastEntry = entries.stream().mapToLong(ReferenceLog.Entry::position)
                    .max().orElse(previous.lastEntryPosition());
            if (lastPosition > previous.position() || added > 0) {
                ReferenceLog.Head next = new ReferenceLog.Head(Math.max(lastPosition, previous.position()),
                        lastPosition >= previous.position() ? lastRecordedAt : previous.recordedAt(),
                        previous.entries() + added, Math.max(lastEntry, previous.lastEntryPosition()));
                reference.writeHead(next);
                head = next;
            }
            changes.clear();
            changedHouseholds.clear();
            entries.clear();
            recorded.clear();
            lastPosition = -1;
        }
    }

    /** Whether the payload is a household event this projection folds into a household's facts. */
    private static boolean changesFacts(Object payload) {
        if (payload instanceof BenefitRecordedEvent benefit) {
            return HouseholdFacts.counts(benefit.kind());
        }
        return payload instanceof HouseholdRegisteredEvent || payload instanceof HouseholdDetailsUpdatedEvent
                || payload instanceof AssessmentRecordedEvent || payload instanceof AssessmentCorrectedEvent
                || payload instanceof AssessmentRestatedEvent;
    }

    /** The household whose facts the payload changes (a restatement names it in its assessment). */
    private static String householdOf(Object payload) {
        if (payload instanceof AssessmentRestatedEvent restated) {
            return restated.assessment().householdId();
        }
        return HouseholdEvent.householdIdOf(payload);
    }

    private record CellChange(String cell, long position, long millis, UnaryOperator<Document> change) {
    }
}
