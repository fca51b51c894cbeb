package org.povertyledger.query.feed;

import java.util.List;

/**
 * What one read of the feed found.
 *
 * @param after the position the read started after
 * @param items the matching events, in position order
 * @param next the cursor to read on from: the last position examined (matching or not)
 * @param closed whether the read stopped before the end of the log (the limit or the scan bound was reached), in
 *        which case the same read always answers the same page
 */
public record FeedPage(long after, List<FeedItem> items, long next, boolean closed) {
}
