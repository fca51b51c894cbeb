package org.povertyledger.query.programme.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.query.household.HouseholdViewProjection;
import org.povertyledger.query.programme.FundingLedgerProjection;
import org.povertyledger.query.programme.ProgrammeOutputsProjection;
import org.povertyledger.query.programme.ProgrammeStructureProjection;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.programme.query.AllocationView;
import org.povertyledger.shared.programme.query.FindAllocationQuery;
import org.povertyledger.shared.programme.query.FindFundingLedgerQuery;
import org.povertyledger.shared.programme.query.FindOutputsAgainstPlanQuery;
import org.povertyledger.shared.programme.query.FindProgrammeStructureQuery;
import org.povertyledger.shared.programme.query.FindSubProjectOutputsQuery;
import org.povertyledger.shared.programme.query.FundingLedgerView;
import org.povertyledger.shared.programme.query.OutputPlanRow;
import org.povertyledger.shared.programme.query.OutputRecordView;
import org.povertyledger.shared.programme.query.OutputsAgainstPlanView;
import org.povertyledger.shared.programme.query.ProgrammeStructureView;
import org.povertyledger.shared.programme.query.SubProjectOutputsView;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read HTTP API of the programme: structure, funding ledger, one allocation's history, outputs against plan.
 * Every read takes an optional {@code asOf} valid date; blank filters mean "no filter".
 *
 * <p>Funding and outputs name units and beneficiary households, so they are confined to the user's unit scope like
 * household reads: an allocation to a unit outside is answered as a missing one; the funding ledger counts only
 * allocations to covered units; outputs against plan hold only rows of covered communes (a row of the whole
 * sub-project, which sums every commune, only for a national scope); output records only of covered communes, and
 * of their beneficiaries only the households inside the scope. The structure is programme-wide and not scoped.
 */
@RestController
public class ProgrammeQueryController {

    private final QueryGateway queryGateway;
    private final ScopedReads scoped;

    public ProgrammeQueryController(QueryGateway queryGateway, ScopedReads scoped) {
        this.queryGateway = queryGateway;
        this.scoped = scoped;
    }

    @ReadsProjections(ProgrammeStructureProjection.PROCESSING_GROUP)
    @GetMapping(path = "/api/programmes/{programmeCode}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ProgrammeStructureView structure(@PathVariable String programmeCode,
                                            @RequestParam(required = false)
                                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        String code = new ProgrammeCode(programmeCode).value();
        Optional<ProgrammeStructureView> view = await(queryGateway.query(new FindProgrammeStructureQuery(code, asOf),
                ResponseTypes.optionalInstanceOf(ProgrammeStructureView.class)));
        return view.orElseThrow(() -> programmeNotFound(code));
    }

    @ReadsProjections({ProgrammeStructureProjection.PROCESSING_GROUP, FundingLedgerProjection.PROCESSING_GROUP})
    @GetMapping(path = "/api/programmes/{programmeCode}/funding-ledger", produces = MediaType.APPLICATION_JSON_VALUE)
    public FundingLedgerView fundingLedger(@PathVariable String programmeCode,
                                           @RequestParam(required = false)
                                           @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                           @RequestParam(required = false) Integer fiscalYear,
                                           @RequestParam(required = false) String subProjectCode,
                                           @RequestParam(required = false) FundingSource source,
                                           @RequestParam(required = false) String unitCode) {
        String code = new ProgrammeCode(programmeCode).value();
        String unit = blank(unitCode) ? null : UnitCode.of("unitCode", unitCode.strip()).value();
        UnitScope scope = scoped.scope();
        if (unit != null && !scope.covers(unit)) {
            // no rows, as for a unit that received nothing
            scoped.filtered("funding.ledger");
        }
        FindFundingLedgerQuery query = new FindFundingLedgerQuery(code, asOf,
                fiscalYear == null ? null : new FiscalYear(fiscalYear).value(),
                blank(subProjectCode) ? null : new SubProjectCode(subProjectCode.strip()).value(),
                source, unit, scope);
        Optional<FundingLedgerView> view = await(queryGateway.query(query,
                ResponseTypes.optionalInstanceOf(FundingLedgerView.class)));
        return view.orElseThrow(() -> programmeNotFound(code));
    }

    @ReadsProjections(FundingLedgerProjection.PROCESSING_GROUP)
    @GetMapping(path = "/api/allocations/{allocationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public AllocationView allocation(@PathVariable String allocationId,
                                     @RequestParam(required = false)
                                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        String id = new AllocationId(allocationId).value();
        Optional<AllocationView> view = await(queryGateway.query(new FindAllocationQuery(id, asOf),
                ResponseTypes.optionalInstanceOf(AllocationView.class)));
        if (view.isEmpty() || !scoped.permits(view.get().recipientUnitCode(), "allocation.read")) {
            throw new DomainException(ErrorCode.ALLOCATION_NOT_FOUND, "allocationId", "exists", "no allocation " + id);
        }
        return view.get();
    }

    @ReadsProjections(ProgrammeOutputsProjection.PROCESSING_GROUP)
    @GetMapping(path = "/api/programmes/{programmeCode}/outputs", produces = MediaType.APPLICATION_JSON_VALUE)
    public OutputsAgainstPlanView outputsAgainstPlan(@PathVariable String programmeCode,
                                                     @RequestParam(required = false) String subProjectCode,
                                                     @RequestParam(required = false) Integer year,
                                                     @RequestParam(required = false) String communeCode,
                                                     @RequestParam(required = false)
                                                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        String commune = blank(communeCode) ? null : new CommuneCode(communeCode.strip()).value();
        UnitScope scope = scoped.scope();
        if (commune != null && !scope.covers(commune)) {
            scoped.filtered("programme.outputs");
        }
        FindOutputsAgainstPlanQuery query = new FindOutputsAgainstPlanQuery(new ProgrammeCode(programmeCode).value(),
                blank(subProjectCode) ? null : new SubProjectCode(subProjectCode.strip()).value(),
                year == null ? null : new FiscalYear(year).value(), commune, asOf);
        OutputsAgainstPlanView view = await(queryGateway.query(query,
                ResponseTypes.instanceOf(OutputsAgainstPlanView.class)));
        if (scope.national()) {
            return view;
        }
        List<OutputPlanRow> rows = view.rows().stream()
                .filter(row -> row.communeCode() != null && scope.covers(row.communeCode()))
                .toList();
        return new OutputsAgainstPlanView(view.programmeCode(), view.asOf(), rows, view.position());
    }

    // the beneficiaries are judged by the household view
    @ReadsProjections({ProgrammeOutputsProjection.PROCESSING_GROUP, HouseholdViewProjection.PROCESSING_GROUP})
    @GetMapping(path = "/api/programmes/{programmeCode}/sub-projects/{subProjectCode}/outputs",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public SubProjectOutputsView subProjectOutputs(@PathVariable String programmeCode,
                                                   @PathVariable String subProjectCode,
                                                   @RequestParam(required = false)
                                                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        FindSubProjectOutputsQuery query = new FindSubProjectOutputsQuery(new ProgrammeCode(programmeCode).value(),
                new SubProjectCode(subProjectCode).value(), asOf);
        SubProjectOutputsView view = await(queryGateway.query(query,
                ResponseTypes.instanceOf(SubProjectOutputsView.class)));
        UnitScope scope = scoped.scope();
        if (scope.national()) {
            return view;
        }
        List<OutputRecordView> inside = view.outputs().stream().filter(o -> scope.covers(o.communeCode())).toList();
        Set<String> households = scoped.householdsInScope(
                inside.stream().flatMap(o -> o.beneficiaries().stream()).distinct().toList());
        List<OutputRecordView> records = new ArrayList<>();
        for (OutputRecordView o : inside) {
            records.add(new OutputRecordView(o.outputId(), o.outputCode(), o.quantity(), o.unit(), o.periodFrom(),
                    o.periodTo(), o.communeCode(), o.beneficiaries().stream().filter(households::contains).toList(),
                    o.allocationId(), o.position(), o.recordedAt()));
        }
        return new SubProjectOutputsView(view.programmeCode(), view.subProjectCode(), view.asOf(),
                List.copyOf(records), view.position());
    }

    private static DomainException programmeNotFound(String code) {
        return new DomainException(ErrorCode.PROGRAMME_NOT_FOUND, "programmeCode", "exists",
                "programme " + code + " is not registered");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Waits for the answer; a refusal from the handler is rethrown as it was thrown. */
    static <R> R await(CompletableFuture<R> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
