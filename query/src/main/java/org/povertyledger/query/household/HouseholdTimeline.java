package org.povertyledger.query.household;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;

/**
 * The valid-time rules of the household register, shared by the projections and the queries.
 *
 * <ul>
 * <li>A household's status on a date is the outcome of the assessment with the latest effective date on
 * or before that date; on equal dates the one whose outcome was recorded later wins. No such assessment:
 * {@code UNASSESSED}.</li>
 * <li>Its commune, village and members on a date come from the details entry with the latest effective
 * date on or before that date (later recorded wins on equal dates); the details as registered answer for
 * every earlier date.</li>
 * <li>"Current" applies the same rules without a date bound: the latest effective facts recorded, even
 * if their effective date is still ahead.</li>
 * </ul>
 */
final class HouseholdTimeline {

    private static final Comparator<AssessmentEntry> ASSESSMENT_ORDER = Comparator
            .comparing(AssessmentEntry::effectiveDate)
            .thenComparingLong(AssessmentEntry::position);

    private static final Comparator<DetailsEntry> DETAILS_ORDER = Comparator
            .comparing(DetailsEntry::effectiveDate, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(DetailsEntry::position);

    private HouseholdTimeline() {
    }

    /** The assessment that gives the status on {@code asOf} ({@code null}: without a date bound). */
    static Optional<AssessmentEntry> governingAssessment(List<AssessmentEntry> assessments, LocalDate asOf) {
        return assessments.stream()
                .filter(a -> asOf == null || !a.effectiveDate().isAfter(asOf))
                .max(ASSESSMENT_ORDER);
    }

    /** The details that hold on {@code asOf} ({@code null}: without a date bound). */
    static DetailsEntry detailsOn(List<DetailsEntry> details, LocalDate asOf) {
        return details.stream()
                .filter(d -> asOf == null || d.effectiveDate() == null || !d.effectiveDate().isAfter(asOf))
                .max(DETAILS_ORDER)
                .orElseThrow(() -> new IllegalStateException("a household always has its details as registered"));
    }

    /** The assessments with a newly recorded one added. */
    static List<AssessmentEntry> record(List<AssessmentEntry> assessments, AssessmentRecordedEvent event,
                                        String eventId, long position) {
        List<AssessmentEntry> next = new ArrayList<>(assessments);
        next.removeIf(a -> a.assessmentId().equals(eventId));
        next.add(new AssessmentEntry(eventId, event.reviewYear(), event.reviewKind(), event.effectiveDate(),
                event.status(), event.rulebookId(), event.rulebookVersion(), position, position, eventId));
        return List.copyOf(next);
    }

    /**
     * The assessments with the corrected one's outcome replaced. A correction of an assessment this list
     * does not know (which the command side should never produce) is kept as an assessment of its own so
     * that its outcome is not lost.
     */
    static List<AssessmentEntry> correct(List<AssessmentEntry> assessments, AssessmentCorrectedEvent event,
                                         String eventId, long position) {
        List<AssessmentEntry> next = new ArrayList<>(assessments);
        long recordedPosition = position;
        for (int i = 0; i < next.size(); i++) {
            AssessmentEntry existing = next.get(i);
            if (existing.assessmentId().equals(event.assessmentId())
                    || existing.outcomeEventId().equals(event.correctedEventId())) {
                recordedPosition = existing.recordedPosition();
                next.remove(i);
                break;
            }
        }
        String assessmentId = event.assessmentId() != null ? event.assessmentId() : event.correctedEventId();
        next.add(new AssessmentEntry(assessmentId, event.reviewYear(), event.reviewKind(), event.effectiveDate(),
                event.status(), event.rulebookId(), event.rulebookVersion(), recordedPosition, position, eventId));
        return List.copyOf(next);
    }
}
