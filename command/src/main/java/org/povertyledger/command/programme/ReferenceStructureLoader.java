package org.povertyledger.command.programme;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.CommandExecutionException;
import org.povertyledger.command.ledger.DuplicateRequestException;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

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

    private ReferenceStructureLoader() {
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
