package org.povertyledger.deploy.deadletter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of the projections' dead-letter queues (ADMIN only): what each group parked, why, and a
 * retry once the cause is fixed. A retry hands each parked sequence back to the group's handlers in order; a
 * sequence that fails again stays parked with its retry count raised, so a retry never loses or reorders events.
 */
@RestController
@RequestMapping(path = "/api/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    /** A retry stops after this many sequences so that one request stays short; the answer says what is left. */
    static final int MAX_SEQUENCES_PER_RETRY = 1000;

    private final DeadLetterProperties properties;
    private final EventProcessingConfiguration processing;

    DeadLetterController(DeadLetterProperties properties, EventProcessingConfiguration processing) {
        this.properties = properties;
        this.processing = processing;
    }

    @GetMapping
    Map<String, Object> all() {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (String group : properties.processingGroups()) {
            groups.add(describe(group, queue(group)));
        }
        return Map.of("groups", groups);
    }

    @GetMapping("/{group}")
    Map<String, Object> one(@PathVariable String group) {
        return describe(group, queue(group));
    }

    @PostMapping("/{group}/retry")
    Map<String, Object> retry(@PathVariable String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> notFound(group));
        long before = queue.size();
        int sequencesProcessed = 0;
        int attempts = 0;
        long sequences = queue.amountOfSequences();
        // processAny takes one sequence each call; a sequence that fails again is released and may come back,
        // so the loop is bounded by the sequences present when the retry began.
        while (attempts < Math.min(sequences, MAX_SEQUENCES_PER_RETRY)) {
            attempts++;
            if (processor.processAny()) {
                sequencesProcessed++;
            }
        }
        long after = queue.size();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("group", group);
        answer.put("sequencesAttempted", attempts);
        answer.put("sequencesProcessed", sequencesProcessed);
        answer.put("lettersProcessed", Math.max(0, before - after));
        answer.put("remaining", after);
        return answer;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        if (!properties.processingGroups().contains(group)) {
            throw notFound(group);
        }
        return processing.deadLetterQueue(group).orElseThrow(() -> notFound(group));
    }

    private static DomainException notFound(String group) {
        return new DomainException(ErrorCode.DEAD_LETTER_NOT_FOUND, "group", "dead-lettering-group",
                "processing group " + group + " has no dead-letter queue (see povertyledger.dead-letters"
                        + ".processing-groups)", Map.of("group", group));
    }

    private static Map<String, Object> describe(String group, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<Map<String, Object>> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            List<Map<String, Object>> letters = new ArrayList<>();
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                letters.add(letter(letter));
            }
            if (!letters.isEmpty()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("aggregateId", letters.get(0).get("aggregateId"));
                entry.put("letters", letters);
                sequences.add(entry);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("group", group);
        answer.put("size", queue.size());
        answer.put("sequences", sequences);
        return answer;
    }

    private static Map<String, Object> letter(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("eventId", message.getIdentifier());
        entry.put("eventType", message.getPayloadType().getSimpleName());
        entry.put("position", message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : -1);
        entry.put("aggregateId", message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : null);
        entry.put("enqueuedAt", letter.enqueuedAt().toString());
        entry.put("lastTouched", letter.lastTouched().toString());
        letter.cause().ifPresent(cause -> entry.put("cause", Map.of("type", cause.type(),
                "message", String.valueOf(cause.message()))));
        entry.put("diagnostics", letter.diagnostics());
        return entry;
    }
}
