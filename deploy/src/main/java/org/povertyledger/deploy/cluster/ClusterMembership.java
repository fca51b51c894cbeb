package org.povertyledger.deploy.cluster;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes sharing the store, each announcing itself in {@value #COLLECTION} with its roles every few seconds. A
 * node counts as alive while its last heartbeat is younger than the claim timeout: the same clock and bound the token
 * store uses for segment claims, so a node the registry gives up on has also lost its claims. Used to work out each
 * node's fair share of segments; a node that stops cleanly removes itself at once.
 */
final class ClusterMembership {

    static final String COLLECTION = "cluster_nodes";

    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    private final MongoCollection<Document> nodes;
    private final String nodeId;
    private final NodeRoles roles;
    private final Duration aliveFor;
    private final Clock clock;
    private final Instant startedAt;

    ClusterMembership(MongoDatabase database, String nodeId, NodeRoles roles, Duration aliveFor, Clock clock) {
        this.nodes = database.getCollection(COLLECTION);
        this.nodeId = nodeId;
        this.roles = roles;
        this.aliveFor = aliveFor;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    String nodeId() {
        return nodeId;
    }

    void heartbeat() {
        nodes.replaceOne(eq("_id", nodeId), new Document("_id", nodeId)
                        .append("roles", roles.roles().stream().map(NodeRole::id).toList())
                        .append("startedAt", Date.from(startedAt))
                        .append("heartbeatAt", Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
    }

    /** Nodes with {@code role} whose heartbeat is recent, this one included once it has announced itself. */
    int alive(NodeRole role) {
        Date since = Date.from(clock.instant().minus(aliveFor));
        int count = 0;
        for (Document node : nodes.find(gte("heartbeatAt", since))) {
            List<String> nodeRoles = node.getList("roles", String.class);
            if (nodeRoles != null && nodeRoles.contains(role.id())) {
                count++;
            }
        }
        return count;
    }

    void leave() {
        try {
            nodes.deleteOne(eq("_id", nodeId));
        } catch (RuntimeException e) {
            log.warn("could not remove node {} from the registry; it ages out after {}", nodeId, aliveFor, e);
        }
    }
}
