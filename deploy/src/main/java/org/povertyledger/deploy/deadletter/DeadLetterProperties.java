package org.povertyledger.deploy.deadletter;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which processing groups park an event that their handler fails on, instead of logging and passing over it.
 *
 * @param processingGroups groups with a dead-letter queue; every projection whose documents are keyed by the
 *                         aggregate that wrote them can be listed (its later events of that aggregate wait behind
 *                         the failed one, others go on)
 * @param maxSequences     aggregates that may be parked per group before the processor stops on the next failure
 * @param maxSequenceSize  events that may wait behind one failed event of an aggregate
 * @param claimDuration    how long one node holds a parked sequence while retrying it
 */
@ConfigurationProperties(prefix = "povertyledger.dead-letters")
public record DeadLetterProperties(List<String> processingGroups, Integer maxSequences, Integer maxSequenceSize,
                                   Duration claimDuration) {

    public DeadLetterProperties {
        processingGroups = processingGroups == null ? List.of() : List.copyOf(processingGroups);
        maxSequences = maxSequences == null ? 1024 : maxSequences;
        maxSequenceSize = maxSequenceSize == null ? 1024 : maxSequenceSize;
        claimDuration = claimDuration == null ? Duration.ofSeconds(30) : claimDuration;
        if (maxSequences < 1 || maxSequenceSize < 1) {
            throw new IllegalArgumentException("povertyledger.dead-letters.max-sequences and max-sequence-size must "
                    + "be at least 1");
        }
    }
}
