package org.povertyledger.deploy.cluster;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a node does ({@code povertyledger.roles}). Every node shares one store; a role decides which HTTP endpoints
 * and which background work run on this node.
 */
public enum NodeRole {
    /** Takes writes: the command API, the aggregates' HTTP adapters, bulk import, the demo load and reference structure. */
    COMMAND,
    /** Runs the read-model projections and serves the read API (households, programmes, indicators, reports). */
    QUERY,
    /** Serves the integrator feed (pull, SSE, webhook subscriptions), runs the webhook dispatcher and the RabbitMQ publisher. */
    FEED;

    /** The configured value that stands for every role. */
    public static final String ALL = "all";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the configured roles: names separated by commas (or a list), case-insensitive, {@value #ALL} for every
     * role; an empty setting means all.
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static Set<NodeRole> parse(Collection<String> configured) {
        EnumSet<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String entry : configured) {
            for (String raw : entry.split(",")) {
                String value = raw.trim().toLowerCase(Locale.ROOT);
                if (value.isEmpty()) {
                    continue;
                }
                if (value.equals(ALL)) {
                    roles.addAll(EnumSet.allOf(NodeRole.class));
                    continue;
                }
                roles.add(Arrays.stream(values()).filter(r -> r.id().equals(value)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("povertyledger.roles: unknown role '" + raw.trim()
                                + "' (known: " + known() + ")")));
            }
        }
        return roles.isEmpty() ? EnumSet.allOf(NodeRole.class) : roles;
    }

    static String describe(Set<NodeRole> roles) {
        return roles.stream().map(NodeRole::id).collect(Collectors.joining(","));
    }

    private static String known() {
        return Arrays.stream(values()).map(NodeRole::id).collect(Collectors.joining(", ")) + ", " + ALL;
    }
}
