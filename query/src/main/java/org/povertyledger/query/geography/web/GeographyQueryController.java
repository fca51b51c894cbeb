package org.povertyledger.query.geography.web;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.geography.query.FindGeographyTreeQuery;
import org.povertyledger.shared.geography.query.FindUnitLineageQuery;
import org.povertyledger.shared.geography.query.GeographyTreeView;
import org.povertyledger.shared.geography.query.UnitLineageView;
import org.povertyledger.shared.geography.value.UnitCode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read API of the administrative geography: the tree on a date, a unit's lineage; both take {@code asKnownAt}. */
@RestController
@ReadsProjections(IndicatorProjection.PROCESSING_GROUP)
@RequestMapping(path = "/api/geography", produces = MediaType.APPLICATION_JSON_VALUE)
public class GeographyQueryController {

    private final QueryGateway queryGateway;

    public GeographyQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping("/tree")
    public GeographyTreeView tree(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                  LocalDate asOf,
                                  @RequestParam(required = false) String asKnownAt) {
        return await(queryGateway.query(new FindGeographyTreeQuery(asOf, AsKnownAt.parse(asKnownAt)),
                ResponseTypes.instanceOf(GeographyTreeView.class)));
    }

    @GetMapping("/units/{unitCode}/lineage")
    public UnitLineageView lineage(@PathVariable String unitCode, @RequestParam(required = false) String asKnownAt) {
        String code = new UnitCode(unitCode).value();
        Optional<UnitLineageView> view = await(queryGateway.query(
                new FindUnitLineageQuery(code, AsKnownAt.parse(asKnownAt)),
                ResponseTypes.optionalInstanceOf(UnitLineageView.class)));
        return view.orElseThrow(() -> new DomainException(ErrorCode.UNIT_NOT_FOUND, "unitCode", "exists",
                "unit " + code + " is not registered", Map.of("unitCode", code)));
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
