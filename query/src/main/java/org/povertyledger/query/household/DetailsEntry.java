package org.povertyledger.query.household;

import java.time.LocalDate;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;

/**
 * Where a household lived and how many members it had from a valid date on.
 *
 * @param effectiveDate the date the details hold from; {@code null} for the details as registered,
 *        which answer for every date no later entry covers (including dates before registration)
 * @param position log position of the event that recorded them; breaks ties on the same date
 */
record DetailsEntry(LocalDate effectiveDate, String communeCode, String village, int members, long position) {

    Document toDocument() {
        return new Document("effectiveDate", DocumentValues.text(effectiveDate))
                .append("communeCode", communeCode)
                .append("village", village)
                .append("members", members)
                .append("position", position);
    }

    static DetailsEntry fromDocument(Document document) {
        return new DetailsEntry(
                DocumentValues.date(document, "effectiveDate"),
                document.getString("communeCode"),
                document.getString("village"),
                DocumentValues.intValue(document, "members"),
                DocumentValues.longValue(document, "position"));
    }
}
