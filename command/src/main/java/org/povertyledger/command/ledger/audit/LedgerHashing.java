package org.povertyledger.command.ledger.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the ledger.
 * <p>
 * {@code hash(event) = lowercase-hex(SHA-256(UTF-8(previousHash) || canonical(event)))}, where the previous hash of
 * the event at position 1 is {@link #GENESIS_HASH}. The canonical encoding starts with a format tag and then, for
 * each of pos, id, aggType, aggId, seq, type, rev, ts, payload and meta in that order, one presence byte
 * (0 = null, 1 = present) followed, when present, by the 4-byte big-endian length and the UTF-8 bytes of the value
 * exactly as stored (numbers in decimal). Length prefixes make the encoding unambiguous: no two different events
 * encode to the same bytes, so editing any field, or moving an event to another position, changes its hash and
 * every hash after it.
 */
public final class LedgerHashing {

    /** The hash the first event chains from: 64 hex zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final byte[] FORMAT_TAG = "povertyledger/event/v1".getBytes(StandardCharsets.UTF_8);
    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread: looking SHA-256 up for every event costs more than hashing a small one. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(LedgerHashing::sha256);

    private LedgerHashing() {
    }

    /**
     * Computes the chain hash of one event from the stored string forms of its fields.
     *
     * @param previousHash hash of the event at {@code position - 1}, or the genesis hash
     * @param seq          aggregate sequence number, {@code null} for an event that belongs to no aggregate
     */
    public static String hash(String previousHash, long position, String eventId, String aggregateType,
                              String aggregateId, Long seq, String payloadType, String payloadRevision,
                              String timestamp, String payload, String metaData) {
        MessageDigest digest = DIGEST.get();
        digest.reset();
        digest.update(previousHash.getBytes(StandardCharsets.UTF_8));
        digest.update(FORMAT_TAG);
        field(digest, Long.toString(position));
        field(digest, eventId);
        field(digest, aggregateType);
        field(digest, aggregateId);
        field(digest, seq == null ? null : Long.toString(seq));
        field(digest, payloadType);
        field(digest, payloadRevision);
        field(digest, timestamp);
        field(digest, payload);
        field(digest, metaData);
        return HEX.formatHex(digest.digest());
    }

    private static void field(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 1);
        digest.update((byte) (bytes.length >>> 24));
        digest.update((byte) (bytes.length >>> 16));
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
