package org.povertyledger.command.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.command.programme.AllocationTimeline.Dated;
import org.povertyledger.command.programme.AllocationTimeline.Headroom;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.common.Vnd;
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

/**
 * Funds of one source and fiscal year allocated to a sub-project for one administrative unit, and everything paid
 * out of them.
 *
 * <p>The aggregate holds exactly what its invariant needs: the dated allocation changes and disbursements. So
 * "disbursed never exceeds allocated" is decided inside one aggregate, one command at a time: Axon locks an
 * aggregate per command within a node, and across nodes the ledger's unique stream keys turn a concurrent append
 * into a {@code ConcurrencyException} that the command gateway retries against the new state (README, Decision 5).
 *
 * <p>Snapshots are written by the ledger's Jackson serializer through the fields (see {@code Household}).
 */
@Aggregate(snapshotTriggerDefinition = "allocationSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Allocation {

    @AggregateIdentifier
    private AllocationId allocationId;
    private LocalDate effectiveDate;
    private final List<Dated> allocationChanges = new ArrayList<>();
    private final List<Dated> disbursements = new ArrayList<>();
    /** The latest date of any change, which a closing may not precede. */
    private LocalDate latestChange;
    private boolean closed;

    Allocation() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AllocationBalance handle(AllocateFundsCommand command, SubProjectLookup subProjects) {
        if (allocationId != null) {
            throw new DomainException(ErrorCode.ALLOCATION_ALREADY_EXISTS, "allocationId", "unique",
                    "allocation " + command.allocationId().value() + " already exists",
                    Map.of("allocationId", command.allocationId().value()));
        }
        SubProjectTerms terms = subProjects.subProject(command.programmeCode(), command.subProjectCode());
        int year = command.fiscalYear().value();
        if (!terms.coversYear(year)) {
            throw new ValidationException(ErrorCode.OUTSIDE_PROGRAMME_PERIOD, "fiscalYear",
                    "within-programme-period:" + terms.firstYear() + "-" + terms.lastYear(),
                    "fiscal year " + year + " is outside the period " + terms.firstYear() + "-" + terms.lastYear()
                            + " of programme " + terms.programmeCode().value(),
                    Map.of("firstYear", terms.firstYear(), "lastYear", terms.lastYear()));
        }
        apply(new FundsAllocatedEvent(command.allocationId(), terms.programmeCode(), terms.projectCode(),
                command.subProjectCode(), command.fiscalYear(), command.source(), command.amount(),
                command.recipientUnit(), command.decisionRef(), command.effectiveDate()));
        return balance();
    }

    @CommandHandler
    AllocationBalance handle(DisburseFundsCommand command) {
        requireOpen();
        requireNotBeforeAllocation("disbursementDate", command.disbursementDate());
        long requested = command.amount().value();
        Headroom headroom = AllocationTimeline.headroomFrom(command.disbursementDate(), allocationChanges,
                disbursements);
        if (requested > headroom.available()) {
            throw new DomainException(ErrorCode.DISBURSEMENT_EXCEEDS_ALLOCATION, "amount",
                    "disbursed-not-above-allocated",
                    "disbursing " + requested + " VND would take allocation " + allocationId.value() + " to "
                            + (headroom.disbursed() + requested) + " VND disbursed against " + headroom.allocated()
                            + " VND allocated on " + headroom.onDate(),
                    figures(headroom, requested));
        }
        apply(new FundsDisbursedEvent(allocationId, command.amount(), command.disbursementDate(), command.purpose(),
                command.payee(), command.voucherRef(), new Vnd(allocated()), new Vnd(disbursed() + requested)));
        return balance();
    }

    @CommandHandler
    AllocationBalance handle(AdjustAllocationCommand command) {
        requireOpen();
        requireNotBeforeAllocation("effectiveDate", command.effectiveDate());
        long amount = command.amount().value();
        if (command.direction() == AdjustmentDirection.DECREASE) {
            Headroom headroom = AllocationTimeline.headroomFrom(command.effectiveDate(), allocationChanges,
                    disbursements);
            if (amount > headroom.available()) {
                throw new DomainException(ErrorCode.ALLOCATION_BELOW_DISBURSED, "amount",
                        "allocated-not-below-disbursed",
                        "lowering allocation " + allocationId.value() + " by " + amount + " VND would leave "
                                + (headroom.allocated() - amount) + " VND allocated against " + headroom.disbursed()
                                + " VND disbursed on " + headroom.onDate(),
                        figures(headroom, amount));
            }
        }
        long before = allocated();
        long after = before + command.direction().signed(amount);
        apply(new AllocationAdjustedEvent(allocationId, command.direction(), command.amount(), new Vnd(before),
                Vnd.of("amount", after), command.decisionRef(), command.effectiveDate(), command.reason()));
        return balance();
    }

    @CommandHandler
    AllocationBalance handle(CloseAllocationCommand command) {
        requireOpen();
        if (command.closingDate().isBefore(latestChange)) {
            throw new DomainException(ErrorCode.DATE_OUT_OF_SEQUENCE, "closingDate", "not-before-last-change",
                    "allocation " + allocationId.value() + " has a change dated " + latestChange
                            + "; it cannot close before that",
                    Map.of("latestChange", latestChange.toString()));
        }
        long allocated = allocated();
        long disbursed = disbursed();
        apply(new AllocationClosedEvent(allocationId, command.closingDate(), new Vnd(allocated), new Vnd(disbursed),
                new Vnd(allocated - disbursed), command.reason(), command.decisionRef()));
        return balance();
    }

    private void requireOpen() {
        if (closed) {
            throw new DomainException(ErrorCode.ALLOCATION_CLOSED, "allocationId", "open",
                    "allocation " + allocationId.value() + " is closed",
                    Map.of("allocationId", allocationId.value()));
        }
    }

    private void requireNotBeforeAllocation(String field, LocalDate date) {
        if (date.isBefore(effectiveDate)) {
            throw new DomainException(ErrorCode.DATE_OUT_OF_SEQUENCE, field, "not-before-allocation",
                    "allocation " + allocationId.value() + " takes effect on " + effectiveDate + "; " + field + " "
                            + date + " is earlier",
                    Map.of("allocationDate", effectiveDate.toString()));
        }
    }

    private static Map<String, Object> figures(Headroom headroom, long requested) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("allocated", headroom.allocated());
        figures.put("disbursed", headroom.disbursed());
        figures.put("requested", requested);
        figures.put("available", headroom.available());
        figures.put("onDate", headroom.onDate().toString());
        return figures;
    }

    private long allocated() {
        return allocationChanges.stream().mapToLong(Dated::amount).sum();
    }

    private long disbursed() {
        return disbursements.stream().mapToLong(Dated::amount).sum();
    }

    private AllocationBalance balance() {
        long allocated = allocated();
        long disbursed = disbursed();
        return new AllocationBalance(allocationId.value(), allocated, disbursed, allocated - disbursed, closed);
    }

    private void changed(LocalDate date) {
        if (latestChange == null || date.isAfter(latestChange)) {
            latestChange = date;
        }
    }

    @EventSourcingHandler
    void on(FundsAllocatedEvent event) {
        allocationId = event.allocationId();
        effectiveDate = event.effectiveDate();
        allocationChanges.add(new Dated(event.effectiveDate(), event.amount().value()));
        changed(event.effectiveDate());
    }

    @EventSourcingHandler
    void on(FundsDisbursedEvent event) {
        disbursements.add(new Dated(event.disbursementDate(), event.amount().value()));
        changed(event.disbursementDate());
    }

    @EventSourcingHandler
    void on(AllocationAdjustedEvent event) {
        allocationChanges.add(new Dated(event.effectiveDate(), event.direction().signed(event.amount().value())));
        changed(event.effectiveDate());
    }

    @EventSourcingHandler
    void on(AllocationClosedEvent event) {
        closed = true;
    }
}
