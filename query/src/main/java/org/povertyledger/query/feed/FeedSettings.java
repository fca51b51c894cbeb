package org.povertyledger.query.feed;

import java.time.Duration;

/**
 * Limits of the pull feed and the stream.
 *
 * @param defaultLimit events per page when the client names no limit
 * @param maxLimit the largest limit a client may ask for
 * @param maxScan events examined per page at most; a filtered page may end early (and say where) because of it
 * @param maxWait the longest long-poll a client may ask for
 * @param heartbeat how often an idle stream sends a comment
 * @param maxStreamDuration after this a stream ends and the client reconnects with Last-Event-ID
 * @param maxStreams concurrent streams this node serves
 */
public record FeedSettings(int defaultLimit, int maxLimit, int maxScan, Duration maxWait, Duration heartbeat,
                           Duration maxStreamDuration, int maxStreams) {
}
