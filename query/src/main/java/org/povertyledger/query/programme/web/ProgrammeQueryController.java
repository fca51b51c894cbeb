package org.povertyledger.query.programme.web;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.query.programme.FundingLedgerProjection;
import org.povertyledger.query.programme.ProgrammeOutputsProjection;
import org.povertyledger.query.programme.ProgrammeStructureProjection;
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
 */
@RestController
public class ProgrammeQueryController {

    private final QueryGateway queryGateway;

    public ProgrammeQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
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
        FindFundingLedgerQuery query = new FindFundingLedgerQuery(code, asOf,
                fiscalYear == null ? null : new FiscalYear(fiscalYear).value(),
                blank(subProjectCode) ? null : new SubProjectCode(subProjectCode.strip()).value(),
                source,
                blank(unitCode) ? null : UnitCode.of("unitCode", unitCode.strip()).value());
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
        return view.orElseThrow(() -> new DomainException(ErrorCode.ALLOCATION_NOT_FOUND, "allocationId", "exists",
                "no allocation " + id));
    }

    @ReadsProjections(ProgrammeOutputsProjection.PROCESSING_GROUP)
    @GetMapping(path = "/api/programmes/{programmeCode}/outputs", produces = MediaType.APPLICATION_JSON_VALUE)
    public OutputsAgainstPlanView outputsAgainstPlan(@PathVariable String programmeCode,
                                                     @RequestParam(required = false) String subProjectCode,
                                                     @RequestParam(required = false) Integer year,
                                                     @RequestParam(required = false) String communeCode,
                                                     @RequestParam(required = false)
                                                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        FindOutputsAgainstPlanQuery query = new FindOutputsAgainstPlanQuery(new ProgrammeCode(programmeCode).value(),
                blank(subProjectCode) ? null : new SubProjectCode(subProjectCode.strip()).value(),
                year == null ? null : new FiscalYear(year).value(),
                blank(communeCode) ? null : new CommuneCode(communeCode.strip()).value(), asOf);
        return await(queryGateway.query(query, ResponseTypes.instanceOf(OutputsAgainstPlanView.class)));
    }

    @ReadsProjections(ProgrammeOutputsProjection.PROCESSING_GROUP)
    @GetMapping(path = "/api/programmes/{programmeCode}/sub-projects/{subProjectCode}/outputs",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public SubProjectOutputsView subProjectOutputs(@PathVariable String programmeCode,
                                                   @PathVariable String subProjectCode,
                                                   @RequestParam(required = false)
                                                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        FindSubProjectOutputsQuery query = new FindSubProjectOutputsQuery(new ProgrammeCode(programmeCode).value(),
                new SubProjectCode(subProjectCode).value(), asOf);
        return await(queryGateway.query(query, ResponseTypes.instanceOf(SubProjectOutputsView.class)));
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
