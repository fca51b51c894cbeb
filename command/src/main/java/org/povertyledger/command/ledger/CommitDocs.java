package org.povertyledger.command.ledger;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;
import org.povertyledger.command.ledger.audit.LedgerHashing;

import java.util.List;

import static org.povertyledger.command.ledger.LedgerSchema.AGG_ID;
import static org.povertyledger.command.ledger.LedgerSchema.AGG_TYPE;
import static org.povertyledger.command.ledger.LedgerSchema.EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.EVENT_ID;
import static org.povertyledger.command.ledger.LedgerSchema.META;
import static org.povertyledger.command.ledger.LedgerSchema.PAYLOAD;
import static org.povertyledger.command.ledger.LedgerSchema.REV;
import static org.povertyledger.command.ledger.LedgerSchema.SEQ;
import static org.povertyledger.command.ledger.LedgerSchema.TS;
import static org.povertyledger.command.ledger.LedgerSchema.TYPE;
import static org.povertyledger.command.ledger.LedgerSchema.HASH;
import static org.povertyledger.command.ledger.LedgerSchema.ID;
import static org.povertyledger.command.ledger.LedgerSchema.LAST;

/** Typed access to commit documents; a document of the wrong shape raises {@link MalformedCommitException}. */
final class CommitDocs {

    private CommitDocs() {
    }

    static long id(Document commit) {
        return number(commit, ID, commit);
    }

    static long last(Document commit) {
        return number(commit, LAST, commit);
    }

    static List<Document> events(Document commit) {
        Object events = commit.get(EVENTS);
        if (!(events instanceof List<?> list) || list.isEmpty()) {
            throw new MalformedCommitException(idOrZero(commit), "commit has no events array");
        }
        for (Object element : list) {
            if (!(element instanceof Document)) {
                throw new MalformedCommitException(idOrZero(commit), "commit has a non-document event");
            }
        }
        @SuppressWarnings("unchecked")
        List<Document> documents = (List<Document>) list;
        return documents;
    }

    static String lastHash(Document commit) {
        List<Document> events = events(commit);
        Object hash = events.get(events.size() - 1).get(HASH);
        if (!(hash instanceof String s)) {
            throw new MalformedCommitException(idOrZero(commit), "last event has no hash");
        }
        return s;
    }

    /** The chain hash of a stored event at {@code position}, recomputed from its fields. */
    static String chainHash(String previousHash, long position, Document event, Document commit) {
        return LedgerHashing.hash(previousHash, position,
                string(event, EVENT_ID, true, commit),
                string(event, AGG_TYPE, false, commit),
                string(event, AGG_ID, false, commit),
                optionalNumber(event, SEQ, commit),
                string(event, TYPE, true, commit),
                string(event, REV, false, commit),
                string(event, TS, true, commit),
                string(event, PAYLOAD, true, commit),
                string(event, META, true, commit));
    }

    static long number(Document doc, String field, Document commit) {
        Object value = doc.get(field);
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        throw new MalformedCommitException(idOrZero(commit), "field '" + field + "' is not an integer: " + value);
    }

    static Long optionalNumber(Document doc, String field, Document commit) {
        return doc.get(field) == null ? null : number(doc, field, commit);
    }

    static String string(Document doc, String field, boolean required, Document commit) {
        Object value = doc.get(field);
        if (value == null && !required) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        throw new MalformedCommitException(idOrZero(commit), "field '" + field + "' is not a string: " + value);
    }

    private static long idOrZero(Document commit) {
        Object id = commit.get(ID);
        return id instanceof Number n ? n.longValue() : 0;
    }

    /** A commit document that does not have the shape the ledger writes. */
    static final class MalformedCommitException extends EventStoreException {

        private final long commitId;

        MalformedCommitException(long commitId, String message) {
            super("malformed commit " + commitId + ": " + message);
            this.commitId = commitId;
        }

        long commitId() {
            return commitId;
        }
    }
}
