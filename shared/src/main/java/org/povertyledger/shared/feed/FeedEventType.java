package org.povertyledger.shared.feed;

import java.util.List;

/**
 * One published event type: its stable external name with its version ({@code household.assessed.v1}), the
 * internal event it is made from, and the names of its personal fields, which are left out unless the receiver's
 * scope allows them. A published name is never reused for another shape: a change of shape is a new version.
 *
 * @param name the CloudEvents {@code type}
 * @param payloadType the internal event class
 * @param personalFields the fields of the published data that are personal
 * @param description one line for the schema and the AsyncAPI document
 */
public record FeedEventType(String name, Class<?> payloadType, List<String> personalFields, String description) {

    public FeedEventType {
        personalFields = List.copyOf(personalFields);
    }

    /** The name without its version suffix ({@code household.assessed}). */
    public String baseName() {
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** The version number in the name ({@code 1} for {@code .v1}). */
    public int version() {
        return Integer.parseInt(name.substring(name.lastIndexOf(".v") + 2));
    }
}
