package org.povertyledger.deploy.config;

import java.util.List;

import org.povertyledger.shared.feed.value.PersonalDataScope;
import org.povertyledger.shared.feed.value.WebhookAddressRule;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The two feed policies both sides use: which webhook addresses may be reached
 * ({@code povertyledger.feed.webhooks.allowed-networks}, CIDR blocks) and who may receive personal fields
 * ({@code povertyledger.feed.personal-data-users}). The command side checks them when a subscription is created,
 * the query side when it reads or delivers.
 */
@Configuration(proxyBeanMethods = false)
class FeedPolicyConfiguration {

    @Bean
    WebhookAddressRule webhookAddressRule(Environment environment) {
        return new WebhookAddressRule(list(environment, "povertyledger.feed.webhooks.allowed-networks"));
    }

    @Bean
    PersonalDataScope personalDataScope(Environment environment) {
        return new PersonalDataScope(list(environment, "povertyledger.feed.personal-data-users"));
    }

    /** Reads YAML lists ({@code [0]}, {@code [1]}, ...) as well as comma-separated values. */
    private static List<String> list(Environment environment, String property) {
        return Binder.get(environment).bind(property, Bindable.listOf(String.class)).orElse(List.of());
    }
}
