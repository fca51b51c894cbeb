package org.povertyledger.query.household;

import java.time.LocalDate;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;

/**
 * One assessment of a household as it stands now: its original recording, or the outcome of its latest
 * correction.
 *
 * @param assessmentId event id of the original assessment
 * @param recordedPosition log position of the original assessment
 * @param position log position of the event that gave this outcome (the correction, once corrected);
 *        breaks ties between assessments effective on the same date
 * @param outcomeEventId id of the event that gave this outcome
 */
record AssessmentEntry(
        String assessmentId,
        int reviewYear,
        ReviewKind reviewKind,
        LocalDate effectiveDate,
        PovertyStatus status,
        String rulebookId,
        int rulebookVersion,
        long recordedPosition,
        long position,
        String outcomeEventId) {

    Document toDocument() {
        return new Document("assessmentId", assessmentId)
                .append("reviewYear", reviewYear)
                .append("reviewKind", DocumentValues.text(reviewKind))
                .append("effectiveDate", DocumentValues.text(effectiveDate))
                .append("status", DocumentValues.text(status))
                .append("rulebookId", rulebookId)
                .append("rulebookVersion", rulebookVersion)
                .append("recordedPosition", recordedPosition)
                .append("position", position)
                .append("outcomeEventId", outcomeEventId);
    }

    static AssessmentEntry fromDocument(Document document) {
        return new AssessmentEntry(
                document.getString("assessmentId"),
                DocumentValues.intValue(document, "reviewYear"),
                DocumentValues.enumValue(document, "reviewKind", ReviewKind.class),
                DocumentValues.date(document, "effectiveDate"),
                DocumentValues.enumValue(document, "status", PovertyStatus.class),
                document.getString("rulebookId"),
                DocumentValues.intValue(document, "rulebookVersion"),
                DocumentValues.longValue(document, "recordedPosition"),
                DocumentValues.longValue(document, "position"),
                document.getString("outcomeEventId"));
    }
}
