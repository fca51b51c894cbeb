package org.povertyledger.command.audit;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.shared.rulebook.RulebookRegistry;

/** Builds the audit components for the configuration package, keeping their constructors package-private. */
public final class AuditWiring {

    private AuditWiring() {
    }

    public static DecisionReplays decisionReplays(EventStorageEngine engine, LongSupplier head,
                                                  Supplier<RulebookRegistry> rulebooks, MongoDatabase database,
                                                  CommandDispatcher dispatcher, CommandGateway gateway,
                                                  ExecutorService executor, Duration inlineWait,
                                                  Duration stalledAfter) {
        ReplayStore store = new ReplayStore(database);
        store.ensureIndexes();
        return new DecisionReplays(engine, head, rulebooks, store, dispatcher, gateway, executor, inlineWait,
                stalledAfter);
    }

    public static Restatements restatements(EventStorageEngine engine, LongSupplier head,
                                            Supplier<RulebookRegistry> rulebooks, CommandDispatcher dispatcher) {
        return new Restatements(engine, head, rulebooks, dispatcher);
    }

    public static ProcedureConformance conformance(EventStorageEngine engine, LongSupplier head,
                                                   int minimumPostingDays) {
        return new ProcedureConformance(engine, head, minimumPostingDays);
    }
}
