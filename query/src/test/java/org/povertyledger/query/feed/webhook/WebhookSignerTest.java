package org.povertyledger.query.feed.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.povertyledger.shared.feed.value.WebhookSecret;

class WebhookSignerTest {

    /** The example of the Standard Webhooks reference libraries' tests. */
    @Test
    void signsTheStandardWebhooksReferenceExampleToItsPublishedSignature() {
        WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String signature = WebhookSigner.sign(secret.key(), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aChangedBodyIdOrTimestampChangesTheSignature() {
        byte[] key = WebhookSecret.generate().key();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String original = WebhookSigner.sign(key, "id-1", 100, body);
        assertThat(WebhookSigner.sign(key, "id-2", 100, body)).isNotEqualTo(original);
        assertThat(WebhookSigner.sign(key, "id-1", 101, body)).isNotEqualTo(original);
        assertThat(WebhookSigner.sign(key, "id-1", 100, "{ }".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(original);
    }
}
