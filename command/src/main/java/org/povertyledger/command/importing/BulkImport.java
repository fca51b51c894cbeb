package org.povertyledger.command.importing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.importing.command.RecordImportCommand;
import org.povertyledger.shared.importing.event.ImportRecordedEvent;
import org.povertyledger.shared.importing.value.ImportId;

/** An import run as a fact in the ledger: recorded once, never changed. */
@Aggregate
class BulkImport {

    @AggregateIdentifier
    private ImportId importId;

    BulkImport() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordImportCommand command) {
        if (importId != null) {
            throw new DomainException(ErrorCode.IMPORT_ALREADY_RECORDED, "importId", "record-once",
                    "import " + command.importId() + " is already recorded", Map.of("importId", command.importId().value()));
        }
        apply(new ImportRecordedEvent(command.importId(), command.source(), command.format(), command.fileName(),
                command.sha256(), command.reviewYear(), command.counts(), command.startedAt(), command.finishedAt()));
    }

    @EventSourcingHandler
    void on(ImportRecordedEvent event) {
        importId = event.importId();
    }
}
