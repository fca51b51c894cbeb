package org.povertyledger.command.importing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.povertyledger.command.ledger.DuplicateRequestException;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.MetadataKeys;

/**
 * Sends bulk commands through the normal command path (gateway, aggregate, ledger) with the metadata every
 * event carries, and tells apart what happened: written, already in the ledger under the same idempotency key
 * and actor, or refused by the domain. A concurrent change of the same aggregate is retried a few times.
 */
public final class LedgerWriter {

    private static final int CONCURRENCY_RETRIES = 3;

    private final CommandGateway gateway;

    public LedgerWriter(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** What became of a command. */
    public sealed interface Outcome {
        /** The command's events were appended; {@code lastPosition} is 0 when it appended none. */
        record Written(Object result, long lastPosition) implements Outcome {
        }

        /** The ledger already holds a commit with this actor and idempotency key; nothing was written. */
        record AlreadyRecorded(long position) implements Outcome {
        }

        /** The domain refused the command; nothing was written. */
        record Refused(DomainException reason) implements Outcome {
        }
    }

    /**
     * Sends one command and waits for its events to be appended.
     *
     * @param idempotencyKey derived from what the command is about, so a repeat is recognised by the ledger
     * @param correlationId shared by every command of one import
     */
    public Outcome send(Object command, ImportActor actor, String idempotencyKey, String legalBasis, String reason,
                        LocalDate effectiveDate, String correlationId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.ACTOR_ID, actor.id());
        metadata.put(MetadataKeys.ACTOR_ROLE, actor.role());
        metadata.put(MetadataKeys.IDEMPOTENCY_KEY, idempotencyKey);
        metadata.put(MetadataKeys.CORRELATION_ID, correlationId);
        if (legalBasis != null) {
            metadata.put(MetadataKeys.LEGAL_BASIS, legalBasis);
        }
        if (reason != null) {
            metadata.put(MetadataKeys.REASON, reason);
        }
        if (effectiveDate != null) {
            metadata.put(MetadataKeys.EFFECTIVE_DATE, effectiveDate.toString());
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt <= CONCURRENCY_RETRIES; attempt++) {
            try {
                Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(MetaData.from(metadata)));
                if (result instanceof CommandResult commandResult) {
                    return new Outcome.Written(commandResult.result(), commandResult.lastPosition());
                }
                return new Outcome.Written(result, 0);
            } catch (RuntimeException e) {
                DuplicateRequestException duplicate = find(e, DuplicateRequestException.class);
                if (duplicate != null) {
                    return new Outcome.AlreadyRecorded(duplicate.existingCommitPosition());
                }
                DomainException refusal = find(e, DomainException.class);
                if (refusal != null) {
                    return new Outcome.Refused(refusal);
                }
                if (find(e, ConcurrencyException.class) == null) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable current = e;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }
}
