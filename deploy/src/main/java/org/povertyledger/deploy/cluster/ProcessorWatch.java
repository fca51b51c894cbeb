package org.povertyledger.deploy.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;

/**
 * What this node's processors are doing, segment by segment: the position each segment has reached, how many events
 * and how many seconds it is behind the head of the ledger, whether it is rebuilding. Refreshed on the cluster tick;
 * read by the metrics and the readiness check, so that a scrape or a probe never walks the ledger itself.
 */
final class ProcessorWatch {

    /** One claimed segment of one processor on this node. */
    record SegmentState(String processor, int segment, long position, long lagEvents, double lagSeconds,
                        boolean rebuilding, boolean error) {
    }

    private final EventProcessingConfiguration processing;
    private final MongoLedgerStorageEngine engine;
    private final Clock clock;
    private final MultiGauge lagEvents;
    private final MultiGauge lagSeconds;
    private final MultiGauge claimed;
    private final MultiGauge total;
    private final TokenStore tokenStore;
    private volatile List<SegmentState> segments = List.of();
    private volatile long head;

    ProcessorWatch(EventProcessingConfiguration processing, MongoLedgerStorageEngine engine, TokenStore tokenStore,
                   MeterRegistry registry, Clock clock) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.engine = engine;
        this.clock = clock;
        this.lagEvents = MultiGauge.builder("povertyledger.processor.segment.lag").baseUnit("events")
                .description("log positions between the head of the ledger and the segment's position")
                .register(registry);
        this.lagSeconds = MultiGauge.builder("povertyledger.processor.segment.lag.time").baseUnit("seconds")
                .description("age of the oldest event the segment has not processed yet (0 when caught up)")
                .register(registry);
        this.claimed = MultiGauge.builder("povertyledger.processor.segments.claimed")
                .description("segments of the processor this node holds").register(registry);
        // with the held ones summed over nodes: a segment no node holds shows as the difference
        this.total = MultiGauge.builder("povertyledger.processor.segments")
                .description("segments of the processor in the token store, held by any node or none").register(registry);
    }

    void refresh() {
        long currentHead = engine.head().position();
        Instant now = clock.instant();
        List<SegmentState> states = new ArrayList<>();
        Map<String, Integer> held = new TreeMap<>();
        Map<String, Integer> segmentsInStore = new TreeMap<>();
        processing.eventProcessors().forEach((name, candidate) -> {
            if (!(candidate instanceof StreamingEventProcessor processor)) {
                return;
            }
            held.put(name, processor.processingStatus().size());
            segmentsInStore.put(name, tokenStore.fetchSegments(name).length);
            for (EventTrackerStatus status : processor.processingStatus().values()) {
                OptionalLong reached = status.getTrackingToken() == null ? OptionalLong.of(0)
                        : status.getTrackingToken().position();
                long position = reached.orElse(0);
                long behind = Math.max(0, currentHead - position);
                double seconds = behind == 0 ? 0
                        : Math.max(0, Duration.between(engine.timestampAt(position + 1), now).toMillis() / 1000.0);
                states.add(new SegmentState(name, status.getSegment().getSegmentId(), position, behind, seconds,
                        status.isReplaying() && behind > 0, status.isErrorState()));
            }
        });
        head = currentHead;
        segments = List.copyOf(states);
        lagEvents.register(states.stream().map(s -> MultiGauge.Row.of(tags(s), s.lagEvents())).toList(), true);
        lagSeconds.register(states.stream().map(s -> MultiGauge.Row.of(tags(s), s.lagSeconds())).toList(), true);
        claimed.register(rows(held), true);
        total.register(rows(segmentsInStore), true);
    }

    List<SegmentState> segments() {
        return segments;
    }

    long head() {
        return head;
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, Integer> byProcessor) {
        return byProcessor.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("processor", e.getKey()), e.getValue())).toList();
    }

    private static Tags tags(SegmentState state) {
        return Tags.of("processor", state.processor(), "segment", Integer.toString(state.segment()));
    }
}
