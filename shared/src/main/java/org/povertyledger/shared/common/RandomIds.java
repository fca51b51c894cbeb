package org.povertyledger.shared.common;

import java.security.SecureRandom;

/** Service-issued identifiers: a prefix and random lower-case letters and digits (about 5.17 bits each). */
public final class RandomIds {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** {@code prefix} followed by {@code length} random characters. */
    public static String generate(String prefix, int length) {
        StringBuilder text = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }
}
