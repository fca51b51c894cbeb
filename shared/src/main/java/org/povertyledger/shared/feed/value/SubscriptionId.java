package org.povertyledger.shared.feed.value;

import java.security.SecureRandom;
import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/**
 * Identifier of a webhook subscription: {@code sub_} and 8 to 40 letters or digits. Issued by the service, never
 * chosen by the client, so that it cannot collide with another aggregate's id in the ledger's stream keys.
 */
public record SubscriptionId(String value) {

    private static final Pattern SHAPE = Pattern.compile("sub_[A-Za-z0-9]{8,40}");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public SubscriptionId {
        Require.matches("subscriptionId", value, SHAPE, "sub_ followed by 8-40 letters or digits");
    }

    /** A new random identifier (about 129 bits). */
    public static SubscriptionId generate() {
        StringBuilder text = new StringBuilder("sub_");
        for (int i = 0; i < 25; i++) {
            text.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return new SubscriptionId(text.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
