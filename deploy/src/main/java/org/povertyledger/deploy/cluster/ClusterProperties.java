package org.povertyledger.deploy.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the nodes of one store share the work ({@code povertyledger.cluster.*}).
 *
 * @param nodeId             this node's name in the token store and the node registry; default {@code pid@host}
 * @param claimTimeout       a segment claim not extended for this long is free for another node: the bound on how
 *                           long the segments of a killed node stay unprocessed
 * @param tokenClaimInterval how often a processor looks for unclaimed segments
 * @param balanceInterval    how often a node compares its segments with its fair share and refreshes the metrics
 */
@ConfigurationProperties(prefix = "povertyledger.cluster")
public record ClusterProperties(String nodeId, Duration claimTimeout, Duration tokenClaimInterval,
                                Duration balanceInterval) {

    public ClusterProperties {
        nodeId = nodeId == null || nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId;
        claimTimeout = claimTimeout == null ? Duration.ofSeconds(10) : claimTimeout;
        tokenClaimInterval = tokenClaimInterval == null ? Duration.ofSeconds(2) : tokenClaimInterval;
        balanceInterval = balanceInterval == null ? Duration.ofSeconds(2) : balanceInterval;
        atLeast100ms("claim-timeout", claimTimeout);
        atLeast100ms("token-claim-interval", tokenClaimInterval);
        atLeast100ms("balance-interval", balanceInterval);
        if (claimTimeout.compareTo(tokenClaimInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("povertyledger.cluster.claim-timeout (" + claimTimeout
                    + ") must be at least twice token-claim-interval (" + tokenClaimInterval + ")");
        }
    }

    private static void atLeast100ms(String name, Duration value) {
        if (value.toMillis() < 100) {
            throw new IllegalArgumentException("povertyledger.cluster." + name + " must be at least 100ms, was " + value);
        }
    }

    /** Claims are extended this often, well within the timeout, so a busy or idle live node never loses them. */
    public Duration claimExtensionThreshold() {
        return claimTimeout.dividedBy(3);
    }

    /** A released segment is left alone this long by the node that released it, so that a peer can claim it. */
    Duration releaseDuration() {
        return tokenClaimInterval.multipliedBy(3);
    }
}
