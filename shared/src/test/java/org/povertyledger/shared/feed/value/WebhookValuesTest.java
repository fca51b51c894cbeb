package org.povertyledger.shared.feed.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.povertyledger.shared.common.ValidationException;

class WebhookValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/hook", "example.org/hook", "https://user:pw@example.org/hook",
            "https://example.org/hook#frag", "https:///nohost", "  "})
    void refusesUrlsThatAreNotPlainHttpOrHttps(String url) {
        assertThatThrownBy(() -> new WebhookUrl(url)).isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("url");
    }

    @Test
    void acceptsHttpsUrlsAndNamesTheirHost() {
        assertThat(new WebhookUrl("https://receiver.example.org:8443/hooks?x=1").host())
                .isEqualTo("receiver.example.org");
        assertThat(new WebhookUrl("http://[::1]:9000/h").host()).isEqualTo("::1");
    }

    @Test
    void generatedSecretsHaveTheStandardWebhooksShapeAndHideInToString() {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(secret.value()).startsWith("whsec_");
        assertThat(secret.key()).hasSize(32);
        assertThat(secret.toString()).doesNotContain(secret.value().substring(6));
        assertThat(new WebhookSecret(secret.value())).isEqualTo(secret);
    }

    @Test
    void refusesSecretsWithoutPrefixOrWithAShortKey() {
        assertThatThrownBy(() -> new WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new WebhookSecret("whsec_c2hvcnQ=")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new WebhookSecret("whsec_***")).isInstanceOf(ValidationException.class);
    }

    @Test
    void generatedSubscriptionIdsAreValidAndDistinct() {
        SubscriptionId a = SubscriptionId.generate();
        assertThat(a.value()).matches("sub_[a-z0-9]{25}");
        assertThat(SubscriptionId.generate()).isNotEqualTo(a);
        assertThatThrownBy(() -> new SubscriptionId("HH-0001")).isInstanceOf(ValidationException.class);
    }
}
