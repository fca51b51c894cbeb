package org.povertyledger.shared.audit.value;

import java.security.SecureRandom;
import java.util.regex.Pattern;

import org.povertyledger.shared.common.Require;

/** Identifier of a restatement: {@code rst_} and 8 to 40 letters or digits, issued by the service. */
public record RestatementId(String value) {

    private static final Pattern SHAPE = Pattern.compile("rst_[A-Za-z0-9]{8,40}");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public RestatementId {
        Require.matches("restatementId", value, SHAPE, "rst_ followed by 8-40 letters or digits");
    }

    /** A new random identifier (about 103 bits). */
    public static RestatementId generate() {
        StringBuilder text = new StringBuilder("rst_");
        for (int i = 0; i < 20; i++) {
            text.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return new RestatementId(text.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
