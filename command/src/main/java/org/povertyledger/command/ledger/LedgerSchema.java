package org.povertyledger.command.ledger;

/**
 * Field names and limits of the stored documents, shared by the engine and the verifier.
 * <pre>
 * events:     { _id: first position, last, n, streamKeys: ["aggId#seq"...], requestKey?, events: [ {pos, id, aggType,
 *               aggId, seq, type, rev, ts, payload, meta, hash} ] }
 * snapshots:  { _id: aggregate id, seq, aggType, id, type, rev, ts, payload, meta }
 * ledger_head:{ _id: "head", position, hash }   (a hint only, never trusted)
 * </pre>
 */
final class LedgerSchema {

    static final String ID = "_id";
    static final String LAST = "last";
    static final String COUNT = "n";
    static final String STREAM_KEYS = "streamKeys";
    static final String REQUEST_KEY = "requestKey";
    static final String EVENTS = "events";

    static final String POS = "pos";
    static final String EVENT_ID = "id";
    static final String AGG_TYPE = "aggType";
    static final String AGG_ID = "aggId";
    static final String SEQ = "seq";
    static final String TYPE = "type";
    static final String REV = "rev";
    static final String TS = "ts";
    static final String PAYLOAD = "payload";
    static final String META = "meta";
    static final String HASH = "hash";

    static final String HEAD_ID = "head";
    static final String HEAD_POSITION = "position";
    static final String HEAD_HASH = "hash";

    static final String STREAM_KEYS_INDEX = "streamKeys_unique";
    static final String REQUEST_KEY_INDEX = "requestKey_unique";
    static final String ID_INDEX = "_id_";
    static final String SNAPSHOT_VERSION_INDEX = "id_seq_unique";

    /** Largest commit accepted. Bounds how far back a reader probes to find the commit holding a position. */
    static final int MAX_COMMIT_EVENTS = 1000;
    /** Number of ids per {@code _id $in} lookup when following the chain. */
    static final int CHAIN_BATCH = 64;
    /** Number of stream keys per {@code streamKeys $in} lookup when loading an aggregate. */
    static final int STREAM_BATCH = 50;

    private LedgerSchema() {
    }

    static String streamKey(String aggregateId, long sequenceNumber) {
        // The sequence number is the numeric suffix after the last '#', so the key is unambiguous even when the
        // aggregate id itself contains '#'.
        return aggregateId + "#" + sequenceNumber;
    }
}
