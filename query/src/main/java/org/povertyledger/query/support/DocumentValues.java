package org.povertyledger.query.support;

import java.time.Instant;
import java.time.LocalDate;

import org.bson.Document;

/**
 * Reading and writing the few value kinds projections store. Dates are stored as ISO-8601 text
 * ({@code 2024-09-01}) and instants as ISO-8601 UTC text, which keeps nanoseconds (a BSON date keeps
 * milliseconds) and sorts in time order as long as instants share their precision.
 */
public final class DocumentValues {

    private DocumentValues() {
    }

    public static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public static String text(Enum<?> value) {
        return value == null ? null : value.name();
    }

    public static LocalDate date(Document document, String key) {
        String value = document.getString(key);
        return value == null ? null : LocalDate.parse(value);
    }

    public static Instant instant(Document document, String key) {
        String value = document.getString(key);
        return value == null ? null : Instant.parse(value);
    }

    public static <E extends Enum<E>> E enumValue(Document document, String key, Class<E> type) {
        String value = document.getString(key);
        return value == null ? null : Enum.valueOf(type, value);
    }

    /** A stored number as a long; stored integers come back as int32 or int64 depending on their size. */
    public static long longValue(Document document, String key) {
        Object value = document.get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("document " + document.get("_id") + " has no number in '" + key + "'");
    }

    public static int intValue(Document document, String key) {
        return Math.toIntExact(longValue(document, key));
    }

    public static Integer integerOrNull(Document document, String key) {
        Object value = document.get(key);
        return value instanceof Number number ? Math.toIntExact(number.longValue()) : null;
    }

    public static boolean booleanValue(Document document, String key) {
        return Boolean.TRUE.equals(document.getBoolean(key));
    }
}
