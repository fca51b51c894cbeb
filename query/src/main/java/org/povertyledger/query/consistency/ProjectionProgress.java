package org.povertyledger.query.consistency;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * How far each processing group has processed the log, read from the tracking tokens its processor holds in this
 * process (memory only: no store read). A group's position is its slowest segment's: every position at or below
 * it has been applied to the read model, since a pooled processor stores a batch's documents before its token
 * moves (see {@code BatchedDocumentWriter}).
 */
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;

    public ProjectionProgress(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /**
     * The position every segment of the group has processed: 0 while a segment has processed nothing or none is
     * claimed yet (a processor starting or being reset); empty when this process runs no such processor.
     *
     * <p>Only segments claimed by this process are seen. Where several query nodes share a group's segments, the
     * answer is the slowest of this node's segments.
     */
    public OptionalLong processed(String processingGroup) {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return OptionalLong.empty();
        }
        Map<Integer, EventTrackerStatus> statuses = processor.get().processingStatus();
        if (statuses.isEmpty()) {
            return OptionalLong.of(0);
        }
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : statuses.values()) {
            slowest = Math.min(slowest, status.getCurrentPosition().orElse(0));
        }
        return OptionalLong.of(slowest);
    }
}
