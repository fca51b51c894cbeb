package org.povertyledger.command.ledger.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a ledger export ({@link LedgerExport}) on its own: every line's position follows the one before, its
 * hash recomputes from its fields and the hash before it ({@link LedgerHashing}, the same code the engine writes
 * with), its {@code prev} names that hash, and at each checkpoint's position the chain hash and the RFC 6962
 * root over all hashes so far equal the signed ones, whose signatures are checked first. Reports the first
 * position where anything breaks. Needs neither Spring nor a store.
 * <p>
 * An export that starts after position 1 can be checked for its chain and against the head hash of a checkpoint,
 * not against a Merkle root (that needs every hash from position 1).
 */
public final class ExportVerifier {

    /** What broke. */
    public enum Damage {
        /** A line's hash does not recompute from its fields: an edited payload, metadata, timestamp, id, type. */
        CONTENT,
        /** A line is not at the next position: events missing, moved, inserted or reordered. */
        ORDER,
        /** A line's {@code prev} is not the hash of the line before it. */
        CHAIN,
        /** A checkpoint's signature is invalid or made with an unknown key. */
        SIGNATURE,
        /** At a checkpoint's position the chain hash or the Merkle root differs from the signed one. */
        CHECKPOINT,
        /** The export ends before a checkpoint's position, or without its trailer. */
        TRUNCATED,
        /** A line is not a well-formed export line. */
        MALFORMED
    }

    /**
     * @param ok              no damage found
     * @param events          event lines checked good
     * @param lastPosition    last position checked good
     * @param headHash        chain hash at {@code lastPosition}
     * @param checkpoints     checkpoints matched (signature, head and root where applicable)
     * @param brokenAt        first bad position, {@code null} when ok
     * @param damage          kind of damage, {@code null} when ok
     * @param reason          detail, {@code null} when ok
     * @param notes           what was not checked and why
     */
    public record Report(boolean ok, long events, long lastPosition, String headHash, int checkpoints, Long brokenAt,
                         Damage damage, String reason, List<String> notes) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final List<SignedCheckpoint> checkpoints;
    private final Map<String, PublicKey> keys;

    /**
     * @param checkpoints checkpoints to check the export against (any order; may be empty)
     * @param keys        public keys by key id; empty means signatures are not checked (noted in the report)
     */
    public ExportVerifier(List<SignedCheckpoint> checkpoints, Map<String, PublicKey> keys) {
        this.checkpoints = checkpoints.stream().sorted(Comparator.comparingLong(SignedCheckpoint::position)).toList();
        this.keys = Map.copyOf(keys);
    }

    public Report verify(InputStream export) throws IOException {
        List<String> notes = new ArrayList<>();
        Walk walk = new Walk(notes);
        for (SignedCheckpoint checkpoint : checkpoints) {
            if (keys.isEmpty()) {
                break;
            }
            PublicKey key = keys.get(checkpoint.keyId());
            if (key == null) {
                return walk.broken(checkpoint.position(), Damage.SIGNATURE,
                        "checkpoint " + checkpoint.position() + " is signed with key " + checkpoint.keyId()
                                + ", which is not among the given public keys " + keys.keySet());
            }
            if (!checkpoint.verify(key)) {
                return walk.broken(checkpoint.position(), Damage.SIGNATURE,
                        "the signature of checkpoint " + checkpoint.position() + " is not valid under key "
                                + checkpoint.keyId());
            }
        }
        if (keys.isEmpty() && !checkpoints.isEmpty()) {
            notes.add("signatures NOT checked: no public key given");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(export, StandardCharsets.UTF_8),
                1 << 16)) {
            return walk.run(reader);
        }
    }

    private final class Walk {

        private final List<String> notes;
        private long expected;
        private String previous;
        private long events;
        private int matched;
        private int nextCheckpoint;
        private MerkleFrontier frontier;

        Walk(List<String> notes) {
            this.notes = notes;
        }

        Report run(BufferedReader reader) throws IOException {
            String line = reader.readLine();
            Map<String, Object> header = object(line);
            if (header == null || !LedgerExport.FORMAT.equals(header.get("format"))) {
                return broken(1, Damage.MALFORMED, "the first line is not a " + LedgerExport.FORMAT + " header");
            }
            if (!(header.get("from") instanceof Long from) || from < 1
                    || !(header.get("previousHash") instanceof String prev)) {
                return broken(1, Damage.MALFORMED, "the header needs from >= 1 and previousHash");
            }
            expected = from;
            previous = prev;
            if (from == 1) {
                frontier = new MerkleFrontier();
                if (!LedgerHashing.GENESIS_HASH.equals(prev)) {
                    return broken(1, Damage.CHAIN, "an export from position 1 must chain from the genesis hash");
                }
            } else {
                notes.add("export starts at position " + from + ": Merkle roots NOT checked, only head hashes");
            }
            while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).position() < from) {
                notes.add("checkpoint " + checkpoints.get(nextCheckpoint).position() + " lies before the export");
                nextCheckpoint++;
            }
            while ((line = reader.readLine()) != null) {
                Map<String, Object> event = object(line);
                if (event == null) {
                    return broken(expected, Damage.MALFORMED, "line for position " + expected + " is not JSON");
                }
                if (event.get("end") instanceof Boolean) {
                    return finish(event, reader.readLine());
                }
                Report broken = check(event);
                if (broken != null) {
                    return broken;
                }
            }
            return broken(expected, Damage.TRUNCATED, "the export ends without its trailer after position "
                    + (expected - 1) + ": it was cut off");
        }

        private Report check(Map<String, Object> e) {
            if (!(e.get("pos") instanceof Long pos)) {
                return broken(expected, Damage.MALFORMED, "line has no integer pos");
            }
            if (pos != expected) {
                return broken(expected, Damage.ORDER, "expected position " + expected + " but the line says " + pos
                        + " (events missing, inserted, moved or reordered)");
            }
            String hash;
            String computed;
            try {
                hash = text(e, "hash", true);
                computed = LedgerHashing.hash(previous, pos, text(e, "id", true), text(e, "aggType", false),
                        text(e, "aggId", false), e.get("seq") == null ? null : (Long) e.get("seq"),
                        text(e, "type", true), text(e, "rev", false), text(e, "ts", true),
                        text(e, "payload", true), text(e, "meta", true));
            } catch (ClassCastException | IllegalArgumentException ex) {
                return broken(expected, Damage.MALFORMED, "line " + pos + ": " + ex.getMessage());
            }
            if (!Objects.equals(e.get(LedgerExport.PREV), previous)) {
                return broken(expected, Damage.CHAIN, "prev " + e.get(LedgerExport.PREV)
                        + " is not the hash of the line before, " + previous);
            }
            if (!computed.equals(hash)) {
                return broken(expected, Damage.CONTENT, "stored hash " + hash + " differs from recomputed " + computed);
            }
            if (frontier != null) {
                frontier.addLeafData(HEX.parseHex(computed));
            }
            while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).position() == pos) {
                SignedCheckpoint checkpoint = checkpoints.get(nextCheckpoint);
                long after = nextCheckpoint == 0 ? 0 : checkpoints.get(nextCheckpoint - 1).position();
                if (!checkpoint.headHash().equals(computed)) {
                    return broken(pos, Damage.CHECKPOINT, "chain hash " + computed + " differs from the signed head "
                            + checkpoint.headHash() + ": the log was rewritten after position " + after);
                }
                if (frontier != null && !checkpoint.merkleRoot().equals(frontier.rootHex())) {
                    return broken(pos, Damage.CHECKPOINT, "Merkle root " + frontier.rootHex()
                            + " differs from the signed " + checkpoint.merkleRoot());
                }
                matched++;
                nextCheckpoint++;
            }
            previous = computed;
            events++;
            expected++;
            return null;
        }

        private Report finish(Map<String, Object> trailer, String after) {
            if (after != null && !after.isBlank()) {
                return broken(expected, Damage.MALFORMED, "content after the trailer");
            }
            if (!(trailer.get("events") instanceof Long count) || count != events) {
                return broken(expected, Damage.TRUNCATED, "the trailer counts " + trailer.get("events")
                        + " events, the export holds " + events);
            }
            if (nextCheckpoint < checkpoints.size()) {
                SignedCheckpoint missing = checkpoints.get(nextCheckpoint);
                return broken(expected, Damage.TRUNCATED, "the export ends at position " + (expected - 1)
                        + " but checkpoint " + missing.position() + " signs a log up to there");
            }
            return new Report(true, events, expected - 1, previous, matched, null, null, null, List.copyOf(notes));
        }

        Report broken(long position, Damage damage, String reason) {
            return new Report(false, events, expected - 1, previous, matched, position, damage, reason,
                    List.copyOf(notes));
        }

        private Map<String, Object> object(String line) {
            if (line == null) {
                return null;
            }
            try {
                return SimpleJson.parse(line) instanceof Map<?, ?> map ? cast(map) : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String text(Map<String, Object> event, String field, boolean required) {
        Object value = event.get(field);
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException("field " + field + " is missing");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("field " + field + " is not a string");
        }
        return s;
    }
}
