package org.povertyledger.query.feed.config;

import org.povertyledger.shared.access.UnitScope;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the integrator feed ({@code povertyledger.feed.*}); every one has a default. The allow-list of webhook
 * networks and the personal-data users are read by the application's policy beans.
 *
 * @param source the CloudEvents {@code source} of every event
 * @param schemaBase prefix of every CloudEvent's {@code dataschema} (the type name is appended)
 */
@ConfigurationProperties(prefix = "povertyledger.feed")
public record FeedProperties(String source, String schemaBase, Integer defaultLimit, Integer maxLimit,
                             Integer maxScan, Duration maxWait, Sse sse, Webhooks webhooks, Rabbitmq rabbitmq) {

    public FeedProperties {
        source = blank(source) ? "urn:povertyledger:ledger" : source;
        schemaBase = blank(schemaBase) ? "urn:povertyledger:schema:" : schemaBase;
        defaultLimit = defaultLimit == null ? 100 : defaultLimit;
        maxLimit = maxLimit == null ? 1000 : maxLimit;
        maxScan = maxScan == null ? 10_000 : maxScan;
        maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
        sse = sse == null ? new Sse(null, null, null) : sse;
        webhooks = webhooks == null ? new Webhooks(null, null, null, null, null, null, null, null, null) : webhooks;
        rabbitmq = rabbitmq == null ? new Rabbitmq(null, null, null, null, null) : rabbitmq;
    }

    /** @param maxDuration a stream ends after this; the client reconnects with Last-Event-ID */
    public record Sse(Duration heartbeat, Duration maxDuration, Integer maxStreams) {
        public Sse {
            heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
            maxDuration = maxDuration == null ? Duration.ofMinutes(30) : maxDuration;
            maxStreams = maxStreams == null ? 200 : maxStreams;
        }
    }

    /** @param enabled whether this node runs the webhook dispatcher (run it on one node) */
    public record Webhooks(Boolean enabled, Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
                           Duration timeout, Integer concurrency, Integer window, Integer maxDeadLetters,
                           Duration pollInterval) {
        public Webhooks {
            enabled = enabled == null || enabled;
            maxAttempts = maxAttempts == null ? 8 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            concurrency = concurrency == null ? 8 : concurrency;
            window = window == null ? 100 : window;
            maxDeadLetters = maxDeadLetters == null ? 10_000 : maxDeadLetters;
            pollInterval = pollInterval == null ? Duration.ofMillis(100) : pollInterval;
        }
    }

    /**
     * @param enabled whether this node publishes to RabbitMQ (the broker is configured with {@code spring.rabbitmq.*})
     * @param start where a publisher without a token starts: {@code tail} (the first event) or {@code head}
     * @param scope the units whose events are published ({@code *}: all, including events of no unit); the
     *        exchange serves every consumer the broker lets bind to it, so this is the publisher's own scope
     */
    public record Rabbitmq(Boolean enabled, String exchange, Duration confirmTimeout, String start,
                           List<String> scope) {
        public Rabbitmq {
            scope = scope == null || scope.isEmpty() ? List.of(UnitScope.NATIONAL_GRANT) : List.copyOf(scope);
            enabled = enabled != null && enabled;
            exchange = blank(exchange) ? "povertyledger.events" : exchange;
            confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(30) : confirmTimeout;
            start = blank(start) ? "tail" : start;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
