package org.povertyledger.command.programme.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.povertyledger.command.ledger.AppendedEvent;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.programme.command.AdjustAllocationCommand;
import org.povertyledger.shared.programme.command.AllocateFundsCommand;
import org.povertyledger.shared.programme.command.AllocationBalance;
import org.povertyledger.shared.programme.command.CloseAllocationCommand;
import org.povertyledger.shared.programme.command.DisburseFundsCommand;
import org.povertyledger.shared.programme.event.AllocationAdjustedEvent;
import org.povertyledger.shared.programme.event.AllocationClosedEvent;
import org.povertyledger.shared.programme.event.FundsAllocatedEvent;
import org.povertyledger.shared.programme.event.FundsDisbursedEvent;
import org.povertyledger.shared.programme.value.AdjustmentDirection;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.Amounts;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Write API of funding: allocate, disburse, adjust, close. Every answer carries the allocation's figures after the
 * command and the position of its event.
 */
@RestController
@RequestMapping(path = "/api/allocations", produces = MediaType.APPLICATION_JSON_VALUE)
class AllocationCommandController {

    private final CommandDispatcher dispatcher;

    AllocationCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Without an {@code allocationId} the service assigns one ({@code AL-} and a random UUID). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> allocate(@RequestBody AllocateFundsRequest body) {
        Require.present("body", body);
        String id = body.allocationId() == null || body.allocationId().isBlank()
                ? "AL-" + UUID.randomUUID() : body.allocationId();
        AllocateFundsCommand command = new AllocateFundsCommand(
                new AllocationId(id),
                new ProgrammeCode(body.programmeCode()),
                new SubProjectCode(body.subProjectCode()),
                new FiscalYear(Require.present("fiscalYear", body.fiscalYear())),
                Require.present("source", body.source()),
                Amounts.positive("amount", Require.present("amount", body.amount())),
                UnitCode.of("recipientUnitCode", body.recipientUnitCode()),
                body.decisionRef(),
                body.effectiveDate());
        CommandResult result = dispatcher.send(command, command.decisionRef(), null, command.effectiveDate());
        return ResponseEntity.created(URI.create("/api/allocations/" + id))
                .body(answer(result, result.first(FundsAllocatedEvent.class)));
    }

    @PostMapping(path = "/{allocationId}/disbursements", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> disburse(@PathVariable String allocationId,
                                                 @RequestBody DisburseFundsRequest body) {
        Require.present("body", body);
        DisburseFundsCommand command = new DisburseFundsCommand(new AllocationId(allocationId),
                Amounts.positive("amount", Require.present("amount", body.amount())), body.disbursementDate(),
                body.purpose(), body.payee(), body.voucherRef());
        CommandResult result = dispatcher.send(command, null, null, command.disbursementDate());
        return ResponseEntity.created(URI.create("/api/allocations/" + allocationId))
                .body(answer(result, result.first(FundsDisbursedEvent.class)));
    }

    @PostMapping(path = "/{allocationId}/adjustments", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> adjust(@PathVariable String allocationId,
                                               @RequestBody AdjustAllocationRequest body) {
        Require.present("body", body);
        AdjustAllocationCommand command = new AdjustAllocationCommand(new AllocationId(allocationId),
                Require.present("direction", body.direction()),
                Amounts.positive("amount", Require.present("amount", body.amount())), body.decisionRef(),
                body.effectiveDate(), body.reason());
        CommandResult result = dispatcher.send(command, command.decisionRef(), command.reason(),
                command.effectiveDate());
        return ResponseEntity.created(URI.create("/api/allocations/" + allocationId))
                .body(answer(result, result.first(AllocationAdjustedEvent.class)));
    }

    @PostMapping(path = "/{allocationId}/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> close(@PathVariable String allocationId,
                                              @RequestBody CloseAllocationRequest body) {
        Require.present("body", body);
        CloseAllocationCommand command = new CloseAllocationCommand(new AllocationId(allocationId),
                body.closingDate(), body.reason(), body.decisionRef());
        CommandResult result = dispatcher.send(command, command.decisionRef(), command.reason(),
                command.closingDate());
        return ResponseEntity.ok(answer(result, result.first(AllocationClosedEvent.class)));
    }

    private static Map<String, Object> answer(CommandResult result, AppendedEvent event) {
        AllocationBalance balance = (AllocationBalance) result.result();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("allocationId", balance.allocationId());
        answer.put("allocated", balance.allocated());
        answer.put("disbursed", balance.disbursed());
        answer.put("remaining", balance.remaining());
        answer.put("closed", balance.closed());
        answer.put("eventId", event.eventId());
        answer.put("position", event.position());
        return answer;
    }

    /** Body of {@code POST /api/allocations}. */
    record AllocateFundsRequest(String allocationId, String programmeCode, String subProjectCode, Integer fiscalYear,
                                FundingSource source, Long amount, String recipientUnitCode, String decisionRef,
                                LocalDate effectiveDate) {
    }

    /** Body of {@code POST /api/allocations/{id}/disbursements}. */
    record DisburseFundsRequest(Long amount, LocalDate disbursementDate, String purpose, String payee,
                                String voucherRef) {
    }

    /** Body of {@code POST /api/allocations/{id}/adjustments}. */
    record AdjustAllocationRequest(AdjustmentDirection direction, Long amount, String decisionRef,
                                   LocalDate effectiveDate, String reason) {
    }

    /** Body of {@code POST /api/allocations/{id}/closure}. */
    record CloseAllocationRequest(LocalDate closingDate, String reason, String decisionRef) {
    }
}
