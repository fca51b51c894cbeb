package org.povertyledger.command.ledger.embedded;

import java.util.Map;

/**
 * Space of the embedded store's file.
 *
 * @param fileBytes the file's size
 * @param fillRatePercent the live share of the file's chunks, as H2 reports it
 * @param liveBytesByMap bytes of live pages per MVStore map: {@code db.collection} for documents,
 *        {@code db.collection._index_name} for an index, H2's own maps otherwise
 */
public record StoreSpace(long fileBytes, int fillRatePercent, Map<String, Long> liveBytesByMap) {

    public StoreSpace {
        liveBytesByMap = Map.copyOf(liveBytesByMap);
    }

    public long liveBytes() {
        return liveBytesByMap.values().stream().mapToLong(Long::longValue).sum();
    }
}
