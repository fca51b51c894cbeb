package org.povertyledger.query.feed;

import java.nio.charset.StandardCharsets;

/**
 * One published event: its position, CloudEvents type and id, subject (the household) and unit, and the
 * structured-mode CloudEvent as JSON bytes.
 */
public record FeedItem(long position, String eventId, String type, String subject, String unit, byte[] json) {

    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
