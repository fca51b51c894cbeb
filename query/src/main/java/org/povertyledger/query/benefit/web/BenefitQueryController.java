package org.povertyledger.query.benefit.web;

import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.benefit.BenefitCoverageProjection;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.shared.benefit.query.BenefitCoverageView;
import org.povertyledger.shared.benefit.query.FindBenefitCoverageQuery;
import org.povertyledger.shared.benefit.query.FindHouseholdBenefitsQuery;
import org.povertyledger.shared.benefit.query.HouseholdBenefitsView;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read HTTP API of household benefits and benefit coverage. */
@RestController
public class BenefitQueryController {

    private final QueryGateway queryGateway;
    private final ScopedReads scoped;

    public BenefitQueryController(QueryGateway queryGateway, ScopedReads scoped) {
        this.queryGateway = queryGateway;
        this.scoped = scoped;
    }

    @ReadsProjections(BenefitCoverageProjection.PROCESSING_GROUP)
    @GetMapping(path = "/api/households/{householdId}/benefits", produces = MediaType.APPLICATION_JSON_VALUE)
    public HouseholdBenefitsView benefits(@PathVariable String householdId,
                                          @RequestParam(required = false)
                                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        String id = new HouseholdId(householdId).value();
        scoped.requireHousehold(id, "benefit.read");
        Optional<HouseholdBenefitsView> view = await(queryGateway.query(new FindHouseholdBenefitsQuery(id, asOf),
                ResponseTypes.optionalInstanceOf(HouseholdBenefitsView.class)));
        return view.orElseThrow(() -> ScopedReads.householdNotFound(id));
    }

    @ReadsProjections(BenefitCoverageProjection.PROCESSING_GROUP)
    @GetMapping(path = "/api/benefits/coverage", produces = MediaType.APPLICATION_JSON_VALUE)
    public BenefitCoverageView coverage(@RequestParam(required = false) Integer year,
                                        @RequestParam(required = false) String communeCode,
                                        @RequestParam(required = false)
                                        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        int y = Require.present("year", year);
        Require.range("year", y, 2000, 2100);
        String commune = communeCode == null || communeCode.isBlank() ? null : new CommuneCode(communeCode.strip()).value();
        if (commune != null && !scoped.scope().covers(commune)) {
            scoped.filtered("benefit.coverage");
        }
        FindBenefitCoverageQuery query = new FindBenefitCoverageQuery(y, commune, asOf, scoped.scope());
        return await(queryGateway.query(query, ResponseTypes.instanceOf(BenefitCoverageView.class)));
    }

    private static <R> R await(CompletableFuture<R> answer) {
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
