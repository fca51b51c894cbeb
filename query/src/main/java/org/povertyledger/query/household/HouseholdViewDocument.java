package org.povertyledger.query.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.povertyledger.query.support.BatchedDocumentWriter;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.event.PersonalFields;
import org.povertyledger.shared.household.query.HouseholdSummary;
import org.povertyledger.shared.household.query.HouseholdView;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * One document of collection {@value #COLLECTION}: a household's current fields (kept for reading and
 * for the list filters) and the timelines the as-of queries read.
 *
 * <pre>
 * { _id: householdId,
 *   communeCode, village, members,                    // current details
 *   area, headName, ethnicity, ethnicMinority,        // as registered (no event changes them)
 *   status, statusSince, lastReviewYear, rulebookId, rulebookVersion,   // current status and its source
 *   registeredAt, registeredPosition,
 *   details:     [ { effectiveDate|null, communeCode, village, members, position } ],
 *   assessments: [ { assessmentId, reviewYear, reviewKind, effectiveDate, status, rulebookId,
 *                    rulebookVersion, recordedPosition, position, outcomeEventId } ],
 *   transition, transitionYear,                       // the status change that led to the current status
 *   transitions: [ { reviewYear, transition, assessmentId, position } ],  // the latest change of each review year
 *   position,                                         // last applied global log position
 *   recordedAt }                                      // when that event was recorded
 * </pre>
 */
final class HouseholdViewDocument {

    static final String COLLECTION = "household_view";

    static final String ID = "_id";
    static final String COMMUNE_CODE = "communeCode";
    static final String VILLAGE = "village";
    static final String MEMBERS = "members";
    static final String AREA = "area";
    static final String HEAD_NAME = "headName";
    static final String ETHNICITY = "ethnicity";
    static final String ETHNIC_MINORITY = "ethnicMinority";
    static final String STATUS = "status";
    static final String STATUS_SINCE = "statusSince";
    static final String LAST_REVIEW_YEAR = "lastReviewYear";
    static final String RULEBOOK_ID = "rulebookId";
    static final String RULEBOOK_VERSION = "rulebookVersion";
    static final String REGISTERED_AT = "registeredAt";
    static final String REGISTERED_POSITION = "registeredPosition";
    static final String DETAILS = "details";
    static final String ASSESSMENTS = "assessments";
    static final String TRANSITION = "transition";
    static final String TRANSITION_YEAR = "transitionYear";
    static final String TRANSITIONS = "transitions";
    static final String POSITION = "position";
    static final String RECORDED_AT = "recordedAt";

    /** The fields a list row needs. */
    static final List<String> SUMMARY_FIELDS = List.of(ID, COMMUNE_CODE, VILLAGE, HEAD_NAME, ETHNIC_MINORITY,
            MEMBERS, STATUS, LAST_REVIEW_YEAR, TRANSITION, TRANSITION_YEAR);

    static final BatchedDocumentWriter.DocumentCodec<HouseholdViewDocument> CODEC =
            new BatchedDocumentWriter.DocumentCodec<>() {
                @Override
                public HouseholdViewDocument decode(Document document) {
                    return fromDocument(document);
                }

                @Override
                public Document encode(HouseholdViewDocument value) {
                    return value.toDocument();
                }

                @Override
                public long position(HouseholdViewDocument value) {
                    return value.position;
                }
            };

    private final String householdId;
    private final Area area;
    private String headName;
    private final String ethnicity;
    private final boolean ethnicMinority;
    private final Instant registeredAt;
    private final long registeredPosition;
    private List<DetailsEntry> details;
    private List<AssessmentEntry> assessments;
    private List<TransitionEntry> transitions;
    private long position;
    private Instant recordedAt;

    private HouseholdViewDocument(String householdId, Area area, String headName, String ethnicity,
                                  boolean ethnicMinority, Instant registeredAt, long registeredPosition,
                                  List<DetailsEntry> details, List<AssessmentEntry> assessments,
                                  List<TransitionEntry> transitions, long position, Instant recordedAt) {
        this.householdId = householdId;
        this.area = area;
        this.headName = headName;
        this.ethnicity = ethnicity;
        this.ethnicMinority = ethnicMinority;
        this.registeredAt = registeredAt;
        this.registeredPosition = registeredPosition;
        this.details = List.copyOf(details);
        this.assessments = List.copyOf(assessments);
        this.transitions = List.copyOf(transitions);
        this.position = position;
        this.recordedAt = recordedAt;
    }

    static HouseholdViewDocument registered(HouseholdRegisteredEvent event, long position, Instant recordedAt) {
        DetailsEntry asRegistered = new DetailsEntry(null, event.communeCode().value(), event.village(),
                event.members(), position);
        return new HouseholdViewDocument(event.householdId().value(), event.area(), event.headName(),
                event.ethnicity(), event.ethnicMinority(), recordedAt, position, List.of(asRegistered), List.of(),
                List.of(), position, recordedAt);
    }

    /** The head's name reads as erased, as the registration event does from now on. */
    void personalDataErased() {
        headName = PersonalFields.ERASED;
    }

    String householdId() {
        return householdId;
    }

    long position() {
        return position;
    }

    List<AssessmentEntry> assessments() {
        return assessments;
    }

    List<DetailsEntry> details() {
        return details;
    }

    void detailsUpdated(HouseholdDetailsUpdatedEvent event, long eventPosition) {
        DetailsEntry entry = new DetailsEntry(event.effectiveDate(), event.communeCode().value(), event.village(),
                event.members(), eventPosition);
        details = List.copyOf(appendTo(details, entry));
    }

    void assessmentRecorded(AssessmentRecordedEvent event, String eventId, long eventPosition) {
        assessments = HouseholdTimeline.record(assessments, event, eventId, eventPosition);
    }

    void assessmentCorrected(AssessmentCorrectedEvent event, String eventId, long eventPosition) {
        assessments = HouseholdTimeline.correct(assessments, event, eventId, eventPosition);
    }

    /** The change replaces the one kept for its review year: each year keeps its latest. */
    void statusChanged(HouseholdStatusChangedEvent event, long eventPosition) {
        List<TransitionEntry> next = new ArrayList<>(transitions);
        next.removeIf(t -> t.reviewYear() == event.reviewYear());
        next.add(new TransitionEntry(event.reviewYear(), event.transition(), event.assessmentId(), eventPosition));
        next.sort(Comparator.comparingInt(TransitionEntry::reviewYear));
        transitions = List.copyOf(next);
    }

    List<TransitionEntry> transitions() {
        return transitions;
    }

    /** The change that led to the current status: the latest status change applied. */
    Optional<TransitionEntry> latestTransition() {
        return transitions.stream().max(Comparator.comparingLong(TransitionEntry::position));
    }

    /** Marks the event at {@code eventPosition} as applied. */
    void applied(long eventPosition, Instant eventRecordedAt) {
        position = eventPosition;
        recordedAt = eventRecordedAt;
    }

    /** The current status (without a date bound). */
    PovertyStatus currentStatus() {
        return HouseholdTimeline.governingAssessment(assessments, null)
                .map(AssessmentEntry::status)
                .orElse(PovertyStatus.UNASSESSED);
    }

    /** The household as the register shows it on {@code asOf}, or currently when {@code asOf} is null. */
    HouseholdView toView(LocalDate asOf) {
        DetailsEntry onDate = HouseholdTimeline.detailsOn(details, asOf);
        Optional<AssessmentEntry> governing = HouseholdTimeline.governingAssessment(assessments, asOf);
        return new HouseholdView(householdId, onDate.communeCode(), onDate.village(), area, headName, ethnicity,
                ethnicMinority, onDate.members(),
                governing.map(AssessmentEntry::status).orElse(PovertyStatus.UNASSESSED),
                governing.map(AssessmentEntry::effectiveDate).orElse(null),
                governing.map(AssessmentEntry::reviewYear).orElse(null),
                governing.map(AssessmentEntry::rulebookId).orElse(null),
                governing.map(AssessmentEntry::rulebookVersion).orElse(null),
                asOf, position, recordedAt);
    }

    Document toDocument() {
        DetailsEntry current = HouseholdTimeline.detailsOn(details, null);
        Optional<AssessmentEntry> governing = HouseholdTimeline.governingAssessment(assessments, null);
        Optional<TransitionEntry> latest = latestTransition();
        return new Document(ID, householdId)
                .append(COMMUNE_CODE, current.communeCode())
                .append(VILLAGE, current.village())
                .append(MEMBERS, current.members())
                .append(AREA, DocumentValues.text(area))
                .append(HEAD_NAME, headName)
                .append(ETHNICITY, ethnicity)
                .append(ETHNIC_MINORITY, ethnicMinority)
                .append(STATUS, currentStatus().name())
                .append(STATUS_SINCE, governing.map(a -> DocumentValues.text(a.effectiveDate())).orElse(null))
                .append(LAST_REVIEW_YEAR, governing.map(AssessmentEntry::reviewYear).orElse(null))
                .append(RULEBOOK_ID, governing.map(AssessmentEntry::rulebookId).orElse(null))
                .append(RULEBOOK_VERSION, governing.map(AssessmentEntry::rulebookVersion).orElse(null))
                .append(REGISTERED_AT, DocumentValues.text(registeredAt))
                .append(REGISTERED_POSITION, registeredPosition)
                .append(DETAILS, details.stream().map(DetailsEntry::toDocument).toList())
                .append(ASSESSMENTS, assessments.stream().map(AssessmentEntry::toDocument).toList())
                .append(TRANSITION, latest.map(t -> t.transition().name()).orElse(null))
                .append(TRANSITION_YEAR, latest.map(TransitionEntry::reviewYear).orElse(null))
                .append(TRANSITIONS, transitions.stream().map(TransitionEntry::toDocument).toList())
                .append(POSITION, position)
                .append(RECORDED_AT, DocumentValues.text(recordedAt));
    }

    static HouseholdViewDocument fromDocument(Document document) {
        return new HouseholdViewDocument(
                document.getString(ID),
                DocumentValues.enumValue(document, AREA, Area.class),
                document.getString(HEAD_NAME),
                document.getString(ETHNICITY),
                DocumentValues.booleanValue(document, ETHNIC_MINORITY),
                DocumentValues.instant(document, REGISTERED_AT),
                DocumentValues.longValue(document, REGISTERED_POSITION),
                document.getList(DETAILS, Document.class, List.of()).stream().map(DetailsEntry::fromDocument).toList(),
                document.getList(ASSESSMENTS, Document.class, List.of()).stream()
                        .map(AssessmentEntry::fromDocument).toList(),
                document.getList(TRANSITIONS, Document.class, List.of()).stream()
                        .map(TransitionEntry::fromDocument).toList(),
                DocumentValues.longValue(document, POSITION),
                DocumentValues.instant(document, RECORDED_AT));
    }

    /** A list row from a document read with {@link #SUMMARY_FIELDS}. */
    static HouseholdSummary summaryOf(Document document) {
        return new HouseholdSummary(
                document.getString(ID),
                document.getString(COMMUNE_CODE),
                document.getString(VILLAGE),
                document.getString(HEAD_NAME),
                DocumentValues.booleanValue(document, ETHNIC_MINORITY),
                DocumentValues.intValue(document, MEMBERS),
                DocumentValues.enumValue(document, STATUS, PovertyStatus.class),
                DocumentValues.integerOrNull(document, LAST_REVIEW_YEAR),
                DocumentValues.enumValue(document, TRANSITION, StatusTransition.class),
                DocumentValues.integerOrNull(document, TRANSITION_YEAR));
    }

    private static <E> List<E> appendTo(List<E> list, E element) {
        List<E> next = new ArrayList<>(list);
        next.add(element);
        return next;
    }
}
