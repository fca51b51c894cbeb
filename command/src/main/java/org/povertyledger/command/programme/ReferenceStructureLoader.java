package org.povertyledger.command.programme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.povertyledger.command.ledger.DuplicateRequestException;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.MetadataKeys;

/**
 * Registers the Decision 90/QD-TTg structure through the ordinary commands, idempotently: an element the programme
 * already has is refused by its aggregate as already registered, which the loader counts and moves past. Running it
 * twice, or on two nodes at once, registers every element exactly once.
 */
public final class ReferenceStructureLoader {

    private static final Set<ErrorCode> ALREADY_REGISTERED = Set.of(ErrorCode.PROGRAMME_ALREADY_REGISTERED,
            ErrorCode.PROJECT_ALREADY_REGISTERED, ErrorCode.SUB_PROJECT_ALREADY_REGISTERED);

    /** Sends one structure command; {@code name} is unique within a load and stable across loads. */
    @FunctionalInterface
    public interface Sender {
        void send(Object command, String name);
    }

    /**
     * What a load did.
     *
     * @param registered elements this load registered
     * @param alreadyPresent elements that were registered before
     */
    public record LoadReport(String programmeCode, List<String> registered, List<String> alreadyPresent) {
    }

    /** Actor recorded on the events of a load that no user asked for (start-up, the demo district). */
    public static final String SYSTEM_ACTOR = "system";

    private ReferenceStructureLoader() {
    }

    /**
     * Loads the structure as the system actor, each command under the idempotency key
     * {@code reference-structure#<name>}: the start-up load and any other component that needs the structure (the
     * demo district) may both run it, in any order or at once, and it is registered once.
     */
    public static LoadReport loadAsSystem(CommandGateway gateway) {
        String correlationId = UUID.randomUUID().toString();
        return load((command, name) -> gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of(
                        MetadataKeys.ACTOR_ID, SYSTEM_ACTOR,
                        MetadataKeys.ACTOR_ROLE, "SYSTEM",
                        MetadataKeys.LEGAL_BASIS, Decision90Structure.LEGAL_BASIS,
                        MetadataKeys.EFFECTIVE_DATE, Decision90Structure.EFFECTIVE_DATE.toString(),
                        MetadataKeys.CORRELATION_ID, correlationId,
                        MetadataKeys.IDEMPOTENCY_KEY, "reference-structure#" + name)))));
    }

    public static LoadReport load(Sender sender) {
        List<String> registered = new ArrayList<>();
        List<String> alreadyPresent = new ArrayList<>();
        for (Object command : Decision90Structure.commands()) {
            String name = Decision90Structure.nameOf(command);
            try {
                sender.send(command, name);
                registered.add(name);
            } catch (RuntimeException e) {
                if (!alreadyDone(e)) {
                    throw e;
                }
                alreadyPresent.add(name);
            }
        }
        return new LoadReport(Decision90Structure.PROGRAMME.value(), List.copyOf(registered),
                List.copyOf(alreadyPresent));
    }

    private static boolean alreadyDone(RuntimeException e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof DomainException domain) {
            return ALREADY_REGISTERED.contains(domain.code());
        }
        // The same request's commands were appended before (a retried request): nothing to do.
        return cause instanceof DuplicateRequestException;
    }
}
