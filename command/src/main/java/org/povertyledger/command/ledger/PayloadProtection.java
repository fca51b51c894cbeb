package org.povertyledger.command.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Transforms an event's payload and metadata JSON between the form readers see and the form the ledger stores.
 * {@link #seal} runs once per event before it is hashed and written, so the hash chain covers the sealed form;
 * {@link #open} runs on every read, in the same engine, before Axon's upcasters and serializer see the event.
 * The verifier reads the stored form and never opens it.
 */
public interface PayloadProtection {

    /** Leaves events as they are. */
    PayloadProtection NONE = new PayloadProtection() {
        @Override
        public Form seal(String payloadType, String payload, String metaData) {
            return new Form(payload, metaData);
        }

        @Override
        public Form open(String payloadType, String payload, String metaData) {
            return new Form(payload, metaData);
        }
    };

    /** The form to store. */
    Form seal(String payloadType, String payload, String metaData);

    /**
     * {@link #seal} for the events of a bulk append, in order; an implementation may fetch what they need (keys)
     * for all of them at once.
     */
    default List<Form> sealAll(List<Unsealed> events) {
        List<Form> sealed = new ArrayList<>(events.size());
        for (Unsealed event : events) {
            sealed.add(seal(event.payloadType(), event.payload(), event.metaData()));
        }
        return sealed;
    }

    /** The form to read, from the stored one. */
    Form open(String payloadType, String payload, String metaData);

    /** An event's payload and metadata JSON. */
    record Form(String payload, String metaData) {
    }

    /** An event to seal: its payload type and the JSON readers see. */
    record Unsealed(String payloadType, String payload, String metaData) {
    }
}
