package org.povertyledger.query.feed.webhook;

import java.time.Instant;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.feed.query.DeadLetterSummary;

/** An event a receiver did not accept, as kept in a subscription's dead-letter list. */
record DeadLetter(long position, String eventId, String type, String subject, int attempts, int lastStatus,
                  String lastError, Instant deadLetteredAt) {

    Document toDocument() {
        return new Document("position", position).append("eventId", eventId).append("type", type)
                .append("subject", subject).append("attempts", attempts).append("lastStatus", lastStatus)
                .append("lastError", lastError).append("deadLetteredAt", DocumentValues.text(deadLetteredAt));
    }

    static DeadLetter from(Document d) {
        return new DeadLetter(DocumentValues.longValue(d, "position"), d.getString("eventId"), d.getString("type"),
                d.getString("subject"), DocumentValues.intValue(d, "attempts"), DocumentValues.intValue(d, "lastStatus"),
                d.getString("lastError"), DocumentValues.instant(d, "deadLetteredAt"));
    }

    DeadLetterSummary summary(boolean redeliveryRequested) {
        return new DeadLetterSummary(position, eventId, type, subject, attempts, lastStatus, lastError,
                deadLetteredAt, redeliveryRequested);
    }
}
