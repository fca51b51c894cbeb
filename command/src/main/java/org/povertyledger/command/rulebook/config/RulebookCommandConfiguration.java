package org.povertyledger.command.rulebook.config;

import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.command.rulebook.RegisteredRulebooks;
import org.povertyledger.command.rulebook.RulebookLoader;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rulebook catalogue as read from the ledger, and the load of the built-in standards on start. */
@Configuration(proxyBeanMethods = false)
public class RulebookCommandConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RulebookCommandConfiguration.class);

    @Bean
    RegisteredRulebooks registeredRulebooks(EventStorageEngine engine, RulebookRegistry rulebookRegistry) {
        return new RegisteredRulebooks(engine, rulebookRegistry);
    }

    /** Registers the built-in standards as the system actor; versions already registered are passed over. */
    @Bean
    @ConditionalOnProperty(name = "povertyledger.rulebooks.load-built-in-on-start", havingValue = "true",
            matchIfMissing = true)
    ApplicationRunner builtInRulebooksOnStart(CommandGateway gateway) {
        return arguments -> {
            List<String> registered = RulebookLoader.loadAsSystem(gateway);
            if (!registered.isEmpty()) {
                log.info("Registered the built-in rulebooks {}", registered);
            }
        };
    }
}
