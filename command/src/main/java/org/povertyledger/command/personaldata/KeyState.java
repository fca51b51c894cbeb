package org.povertyledger.command.personaldata;

import java.util.Optional;

/**
 * What the key store holds for a household: an active key, nothing yet (a household registered before personal
 * fields were encrypted, or not registered), or the tombstone of a destroyed key.
 */
public record KeyState(DataKey key, boolean erased) {

    static final KeyState NONE = new KeyState(null, false);
    static final KeyState ERASED = new KeyState(null, true);

    static KeyState active(DataKey key) {
        return new KeyState(key, false);
    }

    Optional<DataKey> activeKey() {
        return Optional.ofNullable(key);
    }
}
