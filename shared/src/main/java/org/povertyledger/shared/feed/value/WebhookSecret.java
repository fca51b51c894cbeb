package org.povertyledger.shared.feed.value;

import java.security.SecureRandom;
import java.util.Base64;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;

/**
 * A subscription's signing secret in the Standard Webhooks form: {@code whsec_} followed by the base64 of 24 to 64
 * random bytes. The HMAC key is the decoded bytes. {@link #toString()} does not reveal it.
 */
public record WebhookSecret(String value) {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public WebhookSecret {
        Require.text("secret", value, 200);
        if (!value.startsWith(PREFIX)) {
            throw new ValidationException("secret", "prefix:" + PREFIX, "secret must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("secret", "base64", "secret must be " + PREFIX + " followed by base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new ValidationException("secret", "key-bytes:24-64", "the secret's key must be 24 to 64 bytes");
        }
    }

    /** A new secret of 32 random bytes. */
    public static WebhookSecret generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC-SHA256 key. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
