package org.povertyledger.query.feed.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} followed by the base64 of HMAC-SHA256 over
 * {@code id + "." + timestamp + "." + body}, keyed with the decoded secret (the part after {@code whsec_}).
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /**
     * @param key the decoded secret
     * @param id the {@code webhook-id} (the event id)
     * @param timestamp the {@code webhook-timestamp}, seconds since the epoch
     */
    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
