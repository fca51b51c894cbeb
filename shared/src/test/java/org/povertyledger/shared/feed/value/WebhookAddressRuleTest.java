package org.povertyledger.shared.feed.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.povertyledger.shared.common.ValidationException;

class WebhookAddressRuleTest {

    private static InetAddress literal(String address) throws UnknownHostException {
        return InetAddress.getByName(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
            "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"})
    void refusesLoopbackPrivateAndLinkLocalAddressesByDefault(String address) throws UnknownHostException {
        assertThat(WebhookAddressRule.strict().permits(literal(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "2001:4860:4860::8888",
            "::ffff:8.8.8.8"})
    void permitsPublicAddresses(String address) throws UnknownHostException {
        assertThat(WebhookAddressRule.strict().permits(literal(address))).isTrue();
    }

    @Test
    void anAllowListPermitsExactlyItsNetworks() throws UnknownHostException {
        WebhookAddressRule rule = new WebhookAddressRule(List.of("127.0.0.0/8", "::1/128", "10.20.0.0/16"));
        assertThat(rule.permits(literal("127.0.0.1"))).isTrue();
        assertThat(rule.permits(literal("::1"))).isTrue();
        assertThat(rule.permits(literal("10.20.99.1"))).isTrue();
        assertThat(rule.permits(literal("10.21.0.1"))).isFalse();
        assertThat(rule.permits(literal("192.168.0.1"))).isFalse();
        assertThat(rule.firstRefused(List.of(literal("127.0.0.1"), literal("192.168.0.1"))))
                .contains(literal("192.168.0.1"));
    }

    @Test
    void refusesAMalformedAllowListEntry() {
        assertThatThrownBy(() -> new WebhookAddressRule(List.of("example.org/8")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new WebhookAddressRule(List.of("10.0.0.0/33")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void refusesAUrlWhoseHostIsLoopbackUnlessAllowed() {
        WebhookUrl url = new WebhookUrl("http://127.0.0.1:9999/hook");
        assertThatThrownBy(() -> WebhookAddressRule.strict().requirePermitted(url))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ValidationException) e).code().name()).isEqualTo("WEBHOOK_URL_NOT_PERMITTED");
        new WebhookAddressRule(List.of("127.0.0.0/8")).requirePermitted(url);
    }
}
