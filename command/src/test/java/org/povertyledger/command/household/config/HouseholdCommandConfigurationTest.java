package org.povertyledger.command.household.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.rulebook.Decision59Rulebook;
import org.povertyledger.shared.rulebook.Decree07Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HouseholdCommandConfigurationTest {

    private final List<String> snapshotsScheduled = new ArrayList<>();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Snapshotter.class, () -> (type, id) -> snapshotsScheduled.add(id))
            .withUserConfiguration(HouseholdCommandConfiguration.class);

    @Test
    void providesTheNationalRulebooks() {
        context.run(ctx -> {
            RulebookRegistry rulebooks = ctx.getBean(RulebookRegistry.class);
            assertThat(rulebooks.forReviewYear(2016).id()).isEqualTo(Decision59Rulebook.ID);
            assertThat(rulebooks.forReviewYear(2026).id()).isEqualTo(Decree07Rulebook.ID);
        });
    }

    @Test
    void snapshotsAHouseholdEveryFiftyEvents() {
        context.run(ctx -> {
            SnapshotTriggerDefinition definition = ctx.getBean("householdSnapshotTrigger",
                    SnapshotTriggerDefinition.class);
            SnapshotTrigger trigger = definition.prepareTrigger(Object.class);
            trigger.initializationFinished();

            handleEvents(trigger, 0, 49);
            assertThat(snapshotsScheduled).isEmpty();

            handleEvents(trigger, 49, 50);
            assertThat(snapshotsScheduled).containsExactly("HH-1");

            handleEvents(trigger, 50, 99);
            assertThat(snapshotsScheduled).hasSize(1);
            handleEvents(trigger, 99, 100);
            assertThat(snapshotsScheduled).hasSize(2);
        });
    }

    private static void handleEvents(SnapshotTrigger trigger, long fromSequence, long toSequence) {
        for (long sequence = fromSequence; sequence < toSequence; sequence++) {
            trigger.eventHandled(new GenericDomainEventMessage<>("Household", "HH-1", sequence, "event " + sequence));
        }
    }
}
