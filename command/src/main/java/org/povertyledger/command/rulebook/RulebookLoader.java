package org.povertyledger.command.rulebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.povertyledger.command.ledger.DuplicateRequestException;
import org.povertyledger.command.programme.ReferenceStructureLoader;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.rulebook.BuiltInRulebooks;
import org.povertyledger.shared.rulebook.RulebookDefinition;
import org.povertyledger.shared.rulebook.command.RegisterRulebookCommand;

/**
 * Registers the built-in national standards as the system actor, each under the idempotency key
 * {@code rulebook#<id>#<version>}: a version already in the catalogue is counted and passed over, so every start
 * (and every node) may run it.
 */
public final class RulebookLoader {

    private RulebookLoader() {
    }

    /** The {@code id vN} of each version this load registered. */
    public static List<String> loadAsSystem(CommandGateway gateway) {
        String correlationId = UUID.randomUUID().toString();
        List<String> registered = new ArrayList<>();
        for (RulebookDefinition definition : BuiltInRulebooks.definitions()) {
            String name = definition.rulebookId() + "#" + definition.version();
            try {
                gateway.sendAndWait(GenericCommandMessage.asCommandMessage(RegisterRulebookCommand.of(definition))
                        .andMetaData(MetaData.from(Map.of(
                                MetadataKeys.ACTOR_ID, ReferenceStructureLoader.SYSTEM_ACTOR,
                                MetadataKeys.ACTOR_ROLE, "SYSTEM",
                                MetadataKeys.LEGAL_BASIS, definition.legalBasis(),
                                MetadataKeys.CORRELATION_ID, correlationId,
                                MetadataKeys.IDEMPOTENCY_KEY, "rulebook#" + name))));
                registered.add(definition.rulebookId() + " v" + definition.version());
            } catch (RuntimeException e) {
                if (!alreadyRegistered(e)) {
                    throw e;
                }
            }
        }
        return registered;
    }

    private static boolean alreadyRegistered(RuntimeException e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof DomainException domain) {
            return domain.code() == ErrorCode.RULEBOOK_VERSION_EXISTS;
        }
        return cause instanceof DuplicateRequestException;
    }
}
