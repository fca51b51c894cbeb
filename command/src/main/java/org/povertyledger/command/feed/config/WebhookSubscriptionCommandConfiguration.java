package org.povertyledger.command.feed.config;

import java.util.List;

import org.povertyledger.shared.feed.value.PersonalDataScope;
import org.povertyledger.shared.feed.value.WebhookAddressRule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The policies the subscription aggregate and its controller need: which webhook addresses may be reached
 * ({@code povertyledger.feed.webhooks.allowed-networks}) and who may receive personal fields
 * ({@code povertyledger.feed.personal-data-users}). The query side uses the same two beans.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookSubscriptionCommandConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WebhookAddressRule webhookAddressRule(Environment environment) {
        return new WebhookAddressRule(list(environment, "povertyledger.feed.webhooks.allowed-networks"));
    }

    @Bean
    @ConditionalOnMissingBean
    PersonalDataScope personalDataScope(Environment environment) {
        return new PersonalDataScope(list(environment, "povertyledger.feed.personal-data-users"));
    }

    private static List<String> list(Environment environment, String property) {
        // The binder reads YAML lists ([0], [1], ...) as well as comma-separated values.
        return Binder.get(environment).bind(property, Bindable.listOf(String.class)).orElse(List.of());
    }
}
