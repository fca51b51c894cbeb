package org.povertyledger.query.household;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.household.value.StatusTransition;

/**
 * The latest named status change of one review year, from a {@code HouseholdStatusChangedEvent}.
 *
 * @param assessmentId the assessment whose outcome caused the change
 * @param position log position of the status change
 */
record TransitionEntry(int reviewYear, StatusTransition transition, String assessmentId, long position) {

    static final String REVIEW_YEAR = "reviewYear";
    static final String TRANSITION = "transition";

    Document toDocument() {
        return new Document(REVIEW_YEAR, reviewYear)
                .append(TRANSITION, transition.name())
                .append("assessmentId", assessmentId)
                .append("position", position);
    }

    static TransitionEntry fromDocument(Document document) {
        return new TransitionEntry(
                DocumentValues.intValue(document, REVIEW_YEAR),
                DocumentValues.enumValue(document, TRANSITION, StatusTransition.class),
                document.getString("assessmentId"),
                DocumentValues.longValue(document, "position"));
    }
}
