package org.povertyledger.command.audit.config;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.povertyledger.command.audit.AuditWiring;
import org.povertyledger.command.audit.DecisionReplays;
import org.povertyledger.command.audit.ProcedureConformance;
import org.povertyledger.command.audit.Restatements;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.rulebook.RegisteredRulebooks;
import org.povertyledger.command.web.CommandDispatcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Decision replays (their worker, their store, how long a request waits for a small replay to finish) and
 * restatements.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /**
     * One replay at a time: a replay reads the whole range it covers, and two at once would only share the same
     * disk and cores. Further requests queue (up to 64) and show as RUNNING at 0% until their turn.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService decisionReplayExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), runnable -> {
            Thread thread = new Thread(runnable, "decision-replay");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    DecisionReplays decisionReplays(MongoLedgerStorageEngine engine, RegisteredRulebooks rulebooks,
                                    MongoDatabase database, CommandDispatcher dispatcher, CommandGateway gateway,
                                    ExecutorService decisionReplayExecutor,
                                    @Value("${povertyledger.audit.replay.inline-wait:2s}") Duration inlineWait,
                                    @Value("${povertyledger.audit.replay.stalled-after:60s}") Duration stalledAfter) {
        return AuditWiring.decisionReplays(engine, () -> engine.head().position(), rulebooks, database,
                dispatcher, gateway, decisionReplayExecutor, inlineWait, stalledAfter);
    }

    @Bean
    Restatements restatements(MongoLedgerStorageEngine engine, RegisteredRulebooks rulebooks,
                              CommandDispatcher dispatcher) {
        return AuditWiring.restatements(engine, () -> engine.head().position(), rulebooks, dispatcher);
    }

    /** Keeps a restatement in memory between its batches, so each batch does not re-read the ones before. */
    @Bean
    Cache restatementCache() {
        return new WeakReferenceCache();
    }

    /**
     * Procedure conformance; the minimum public posting is 3 days by default (Decision 24/2021/QD-TTg posts the
     * review's list for 3 working days, counted here as days of the posting period, both ends included).
     */
    @Bean
    ProcedureConformance procedureConformance(MongoLedgerStorageEngine engine,
            @Value("${povertyledger.audit.conformance.posting-minimum-days:3}") int postingMinimumDays) {
        return AuditWiring.conformance(engine, () -> engine.head().position(), postingMinimumDays);
    }
}
