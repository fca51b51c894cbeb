package org.povertyledger.deploy.cluster;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.povertyledger.query.feed.rabbitmq.RabbitFeedPublisher;
import org.povertyledger.query.feed.webhook.WebhookSubscriptionProjection;
import org.springframework.core.env.Environment;

/**
 * The roles of this node and what follows from them: which processing groups run here and which HTTP handlers answer.
 *
 * @param roles never empty
 */
public record NodeRoles(Set<NodeRole> roles) {

    /** Processing groups of the feed role; every other group belongs to the query role (the read models). */
    static final Set<String> FEED_GROUPS = Set.of(WebhookSubscriptionProjection.PROCESSING_GROUP,
            RabbitFeedPublisher.PROCESSING_GROUP);

    public NodeRoles {
        roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public static NodeRoles from(Environment environment) {
        String configured = environment.getProperty("povertyledger.roles", NodeRole.ALL);
        return new NodeRoles(NodeRole.parse(List.of(configured)));
    }

    public boolean has(NodeRole role) {
        return roles.contains(role);
    }

    /** The role whose node runs a processing group. */
    public static NodeRole roleOfGroup(String processingGroup) {
        return FEED_GROUPS.contains(processingGroup) ? NodeRole.FEED : NodeRole.QUERY;
    }

    public boolean runsGroup(String processingGroup) {
        return has(roleOfGroup(processingGroup));
    }

    /**
     * The role that serves an HTTP handler, by the package of its class: the command module's web adapters need
     * {@code command} (except the ledger's own head and verify, which read the log and answer everywhere), the feed's
     * need {@code feed}, the other read adapters {@code query}. {@code null}: any node answers (actuator, demo status).
     */
    public static NodeRole roleOfHandler(Class<?> handlerType) {
        String name = handlerType.getName();
        if (name.startsWith("org.povertyledger.command.ledger.")) {
            return null;
        }
        if (name.startsWith("org.povertyledger.command.")) {
            return NodeRole.COMMAND;
        }
        if (name.startsWith("org.povertyledger.query.feed.")) {
            return NodeRole.FEED;
        }
        if (name.startsWith("org.povertyledger.query.")) {
            return NodeRole.QUERY;
        }
        return null;
    }

    /** Properties a missing role turns off, whatever else is configured: the work belongs to nodes with that role. */
    Map<String, Object> overrides() {
        Map<String, Object> off = new LinkedHashMap<>();
        if (!has(NodeRole.COMMAND)) {
            off.put("povertyledger.demo.enabled", "false");
            off.put("povertyledger.programme.load-reference-on-start", "false");
            off.put("povertyledger.rulebooks.load-built-in-on-start", "false");
        }
        if (!has(NodeRole.FEED)) {
            off.put("povertyledger.feed.webhooks.enabled", "false");
            off.put("povertyledger.feed.rabbitmq.enabled", "false");
        }
        return off;
    }

    @Override
    public String toString() {
        return NodeRole.describe(roles);
    }
}
