package org.povertyledger.command.ledger;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

import java.time.Instant;

import static org.povertyledger.command.ledger.LedgerSchema.AGG_ID;
import static org.povertyledger.command.ledger.LedgerSchema.AGG_TYPE;
import static org.povertyledger.command.ledger.LedgerSchema.EVENT_ID;
import static org.povertyledger.command.ledger.LedgerSchema.META;
import static org.povertyledger.command.ledger.LedgerSchema.PAYLOAD;
import static org.povertyledger.command.ledger.LedgerSchema.POS;
import static org.povertyledger.command.ledger.LedgerSchema.REV;
import static org.povertyledger.command.ledger.LedgerSchema.SEQ;
import static org.povertyledger.command.ledger.LedgerSchema.TS;
import static org.povertyledger.command.ledger.LedgerSchema.TYPE;

/**
 * Turns stored event sub-documents into Axon's serialized event data, so that Axon's upcaster chain and serializer
 * do the rest. Events of an aggregate become domain event data; events without an aggregate stay plain, which
 * makes Axon deserialize them as plain (non-domain) event messages.
 */
final class StoredEvents {

    private StoredEvents() {
    }

    static TrackedEventData<String> tracked(Document event, Document commit, PayloadProtection protection) {
        long position = CommitDocs.number(event, POS, commit);
        TrackingToken token = new GlobalSequenceTrackingToken(position);
        if (event.get(AGG_ID) != null) {
            return new TrackedDomainEventData<>(token, domain(event, commit, protection));
        }
        String type = CommitDocs.string(event, TYPE, true, commit);
        PayloadProtection.Form form = open(event, commit, type, protection);
        return new PlainEventData(token,
                                  CommitDocs.string(event, EVENT_ID, true, commit),
                                  CommitDocs.string(event, TS, true, commit),
                                  type,
                                  CommitDocs.string(event, REV, false, commit),
                                  form.payload(),
                                  form.metaData());
    }

    static DomainEventData<String> domain(Document event, Document commit, PayloadProtection protection) {
        String type = CommitDocs.string(event, TYPE, true, commit);
        PayloadProtection.Form form = open(event, commit, type, protection);
        return new GenericDomainEventEntry<>(
                CommitDocs.string(event, AGG_TYPE, false, commit),
                CommitDocs.string(event, AGG_ID, true, commit),
                CommitDocs.number(event, SEQ, commit),
                CommitDocs.string(event, EVENT_ID, true, commit),
                CommitDocs.string(event, TS, true, commit),
                type,
                CommitDocs.string(event, REV, false, commit),
                form.payload(),
                form.metaData());
    }

    private static PayloadProtection.Form open(Document event, Document commit, String type,
                                               PayloadProtection protection) {
        return protection.open(type, CommitDocs.string(event, PAYLOAD, true, commit),
                               CommitDocs.string(event, META, true, commit));
    }

    /** Tracked data of an event that belongs to no aggregate. */
    private record PlainEventData(TrackingToken trackingToken, String eventIdentifier, String timestamp,
                                  String payloadType, String payloadRevision, String payload, String metaData)
            implements TrackedEventData<String> {

        @Override
        public String getEventIdentifier() {
            return eventIdentifier;
        }

        @Override
        public Instant getTimestamp() {
            return Instant.parse(timestamp);
        }

        @Override
        public SerializedObject<String> getMetaData() {
            return new SerializedMetaData<>(metaData, String.class);
        }

        @Override
        public SerializedObject<String> getPayload() {
            return new SimpleSerializedObject<>(payload, String.class, payloadType, payloadRevision);
        }
    }
}
