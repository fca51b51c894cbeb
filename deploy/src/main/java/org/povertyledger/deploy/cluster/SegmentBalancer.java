package org.povertyledger.deploy.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads each processor's segments over the live nodes that run it. Axon's pooled processor claims every unclaimed
 * segment it finds and never gives one up by itself, so the first node to start would keep all of them. Each node
 * therefore compares what it holds with its fair share (segments / live nodes of the role, rounded up) and releases
 * the excess for a few claim intervals, long enough for a peer to claim it. A killed node's claims expire after the
 * claim timeout and the survivors claim them as unclaimed segments; nothing caps what one node may hold, so a single
 * survivor takes everything.
 */
final class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final ClusterMembership membership;
    private final long releaseMillis;

    SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokenStore, ClusterMembership membership,
                    ClusterProperties properties) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.membership = membership;
        this.releaseMillis = properties.releaseDuration().toMillis();
    }

    void balance() {
        for (Map.Entry<String, ?> entry : processing.eventProcessors().entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor processor && processor.isRunning()) {
                balance(entry.getKey(), processor);
            }
        }
    }

    private void balance(String name, StreamingEventProcessor processor) {
        int total = tokenStore.fetchSegments(name).length;
        int nodes = Math.max(1, membership.alive(NodeRoles.roleOfGroup(name)));
        int fair = fairShare(total, nodes);
        List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
        for (int i = held.size() - 1; i >= fair; i--) {
            int segment = held.get(i);
            log.info("processor {}: releasing segment {} ({} held, fair share {} of {} segments over {} nodes)",
                    name, segment, held.size(), fair, total, nodes);
            processor.releaseSegment(segment, releaseMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** The most segments one of {@code nodes} should hold: all of them divided as evenly as they go. */
    static int fairShare(int segments, int nodes) {
        return (segments + nodes - 1) / nodes;
    }
}
