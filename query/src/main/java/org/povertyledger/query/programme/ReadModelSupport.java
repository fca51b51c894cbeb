package org.povertyledger.query.programme;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.povertyledger.query.support.BatchedDocumentWriter;

/** Small helpers the programme and benefit read models share. */
public final class ReadModelSupport {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Pattern NUMBERS = Pattern.compile("(\\d+)|(\\D+)");

    /**
     * Orders codes with their numbers compared as numbers ({@code P2 < P10}, {@code P4.SP2 < P4.SP10}); null last.
     */
    public static final Comparator<String> CODE_ORDER = Comparator.nullsLast(ReadModelSupport::compareCodes);

    /** Documents stored and read as they are; {@code position} holds the last applied log position. */
    public static final BatchedDocumentWriter.DocumentCodec<Document> DOCUMENTS = new BatchedDocumentWriter.DocumentCodec<>() {
        @Override
        public Document decode(Document document) {
            return document;
        }

        @Override
        public Document encode(Document value) {
            return value;
        }

        @Override
        public long position(Document value) {
            return longOf(value, "position");
        }
    };

    private ReadModelSupport() {
    }

    /** The event's global log position. */
    public static long positionOf(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("programme projections must run in a streaming event processor: "
                    + "the event has no tracking token");
        }
        return token.position().orElseThrow(() -> new IllegalStateException(
                "tracking token " + token + " has no global position"));
    }

    /** {@code part} as a percentage of {@code whole} with 2 decimals, or {@code null} when {@code whole} is 0. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return null;
        }
        return part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal percent(long part, long whole) {
        return percent(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }

    /** A stored number as a long (stored integers come back as int32 or int64). */
    public static long longOf(Document document, String key) {
        Object value = document.get(key);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("document " + document.get("_id") + " has no number in '" + key + "'");
    }

    /** The list of sub-documents under {@code key}, as a mutable list (empty when absent). */
    public static List<Document> documents(Document document, String key) {
        return new ArrayList<>(document.getList(key, Document.class, List.of()));
    }

    private static int compareCodes(String a, String b) {
        Matcher left = NUMBERS.matcher(a);
        Matcher right = NUMBERS.matcher(b);
        while (left.find() && right.find()) {
            String l = left.group();
            String r = right.group();
            int order = left.group(1) != null && right.group(1) != null
                    ? new BigDecimal(l).compareTo(new BigDecimal(r)) : l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
