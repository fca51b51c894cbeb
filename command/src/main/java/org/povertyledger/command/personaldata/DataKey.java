package org.povertyledger.command.personaldata;

import java.util.Arrays;

/**
 * One household's data key: 32 bytes for AES-256-GCM, and the id ({@code kid}) that every value sealed with it
 * names, so that a value sealed under another key (a restored backup of a different key) is never mistaken for it.
 */
public record DataKey(String kid, byte[] material) {

    public DataKey {
        if (kid == null || kid.isBlank()) {
            throw new IllegalArgumentException("kid is required");
        }
        if (material == null || material.length != 32) {
            throw new IllegalArgumentException("a data key has 32 bytes");
        }
        material = material.clone();
    }

    @Override
    public byte[] material() {
        return material.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataKey key && key.kid.equals(kid) && Arrays.equals(key.material, material);
    }

    @Override
    public int hashCode() {
        return kid.hashCode();
    }

    @Override
    public String toString() {
        return "DataKey[" + kid + "]";
    }
}
