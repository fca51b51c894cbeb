package org.povertyledger.deploy.cluster;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns off, before any bean is defined, the background work of roles this node does not have: the demo load and the
 * reference structure (command), the webhook dispatcher and the RabbitMQ publisher (feed). The override wins over any
 * other setting, so that a node without the role cannot start that work by a stray property.
 */
public final class NodeRolesEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "povertyledgerNodeRoles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> overrides = NodeRoles.from(environment).overrides();
        if (!overrides.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, overrides));
        }
    }
}
