package org.povertyledger.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class NodeRoleTest {

    @Test
    void parsesRoleListsCaseInsensitivelyWithAllAndEmptyMeaningEveryRole() {
        assertThat(NodeRole.parse(List.of("command, Query"))).containsExactly(NodeRole.COMMAND, NodeRole.QUERY);
        assertThat(NodeRole.parse(List.of("feed", "command"))).containsExactly(NodeRole.COMMAND, NodeRole.FEED);
        assertThat(NodeRole.parse(List.of("all"))).isEqualTo(EnumSet.allOf(NodeRole.class));
        assertThat(NodeRole.parse(List.of(" "))).isEqualTo(EnumSet.allOf(NodeRole.class));
    }

    @Test
    void refusesAnUnknownRoleNamingTheKnownOnes() {
        assertThatThrownBy(() -> NodeRole.parse(List.of("command,writer")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("povertyledger.roles")
                .hasMessageContaining("'writer'")
                .hasMessageContaining("command, query, feed, all");
    }

    @Test
    void feedGroupsBelongToTheFeedRoleAndReadModelsToTheQueryRole() {
        assertThat(NodeRoles.roleOfGroup("webhook-subscriptions")).isEqualTo(NodeRole.FEED);
        assertThat(NodeRoles.roleOfGroup("feed-rabbitmq")).isEqualTo(NodeRole.FEED);
        assertThat(NodeRoles.roleOfGroup("household-view")).isEqualTo(NodeRole.QUERY);
        assertThat(NodeRoles.roleOfGroup("indicators")).isEqualTo(NodeRole.QUERY);
        NodeRoles commandOnly = new NodeRoles(EnumSet.of(NodeRole.COMMAND));
        assertThat(commandOnly.runsGroup("household-view")).isFalse();
        assertThat(commandOnly.overrides()).containsEntry("povertyledger.feed.webhooks.enabled", "false")
                .doesNotContainKey("povertyledger.demo.enabled");
        assertThat(new NodeRoles(EnumSet.of(NodeRole.QUERY)).overrides())
                .containsEntry("povertyledger.demo.enabled", "false")
                .containsEntry("povertyledger.programme.load-reference-on-start", "false")
                .containsEntry("povertyledger.feed.rabbitmq.enabled", "false");
    }

    @Test
    void endpointsBelongToTheRoleOfTheirModule() throws ClassNotFoundException {
        // package-private, as controllers are
        Class<?> commandController = Class.forName("org.povertyledger.command.household.web.HouseholdCommandController");
        assertThat(NodeRoles.roleOfHandler(commandController)).isEqualTo(NodeRole.COMMAND);
        assertThat(NodeRoles.roleOfHandler(org.povertyledger.query.feed.web.FeedController.class))
                .isEqualTo(NodeRole.FEED);
        assertThat(NodeRoles.roleOfHandler(org.povertyledger.query.household.web.HouseholdQueryController.class))
                .isEqualTo(NodeRole.QUERY);
        assertThat(NodeRoles.roleOfHandler(org.povertyledger.command.ledger.MongoLedgerStorageEngine.class)).isNull();
        assertThat(NodeRoles.roleOfHandler(NodeRoleTest.class)).isNull();
    }

    @Test
    void fairShareRoundsUpSoThatEverySegmentHasAHolder() {
        assertThat(SegmentBalancer.fairShare(2, 1)).isEqualTo(2);
        assertThat(SegmentBalancer.fairShare(2, 2)).isEqualTo(1);
        assertThat(SegmentBalancer.fairShare(2, 3)).isEqualTo(1);
        assertThat(SegmentBalancer.fairShare(5, 2)).isEqualTo(3);
    }

    @Test
    void clusterSettingsRefuseAClaimTimeoutThatAClaimIntervalCouldMiss() {
        assertThatThrownBy(() -> new ClusterProperties("n", java.time.Duration.ofSeconds(3),
                java.time.Duration.ofSeconds(2), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim-timeout").hasMessageContaining("twice token-claim-interval");
        assertThatThrownBy(() -> new ClusterProperties("n", null, null, java.time.Duration.ofMillis(10)))
                .hasMessageContaining("balance-interval must be at least 100ms");
        ClusterProperties defaults = new ClusterProperties(null, null, null, null);
        assertThat(defaults.nodeId()).isNotBlank();
        assertThat(defaults.claimExtensionThreshold()).isLessThan(defaults.claimTimeout());
    }
}
