package org.povertyledger.query.household.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.query.household.HouseholdHistoryProjection;
import org.povertyledger.query.household.HouseholdQueryHandler;
import org.povertyledger.query.household.HouseholdViewProjection;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.household.query.FindHouseholdHistoryQuery;
import org.povertyledger.shared.household.query.FindHouseholdQuery;
import org.povertyledger.shared.household.query.FindHouseholdsQuery;
import org.povertyledger.shared.household.query.HouseholdHistoryView;
import org.povertyledger.shared.household.query.HouseholdPage;
import org.povertyledger.shared.household.query.HouseholdView;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.StatusTransition;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read HTTP API of the household register. Parameters are checked here; a bad one is refused with a
 * {@link ValidationException} (an {@code asOf} that is not a date fails in the framework's conversion),
 * an unknown household, or one outside the user's unit scope, with {@link ErrorCode#HOUSEHOLD_NOT_FOUND}. Blank
 * filter parameters mean "no filter"; the list holds only households of the user's scope. {@code transition}
 * alone matches the change that led to the current status, with {@code transitionYear} the latest change of that
 * review year.
 */
@RestController
@RequestMapping(path = "/api/households", produces = MediaType.APPLICATION_JSON_VALUE)
public class HouseholdQueryController {

    private static final String STATUSES = Arrays.stream(PovertyStatus.values()).map(Enum::name)
            .collect(Collectors.joining(","));
    private static final String TRANSITIONS = Arrays.stream(StatusTransition.values()).map(Enum::name)
            .collect(Collectors.joining(","));

    private final QueryGateway queryGateway;
    private final ScopedReads scoped;

    public HouseholdQueryController(QueryGateway queryGateway, ScopedReads scoped) {
        this.queryGateway = queryGateway;
        this.scoped = scoped;
    }

    @GetMapping("/{householdId}")
    @ReadsProjections(HouseholdViewProjection.PROCESSING_GROUP)
    public HouseholdView household(@PathVariable String householdId,
                                   @RequestParam(required = false)
                                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        String id = new HouseholdId(householdId).value();
        scoped.requireHousehold(id, "household.read");
        Optional<HouseholdView> view = await(queryGateway.query(new FindHouseholdQuery(id, asOf),
                ResponseTypes.optionalInstanceOf(HouseholdView.class)));
        return view.orElseThrow(() -> notFound(id));
    }

    @GetMapping("/{householdId}/history")
    @ReadsProjections(HouseholdHistoryProjection.PROCESSING_GROUP)
    public HouseholdHistoryView history(@PathVariable String householdId) {
        String id = new HouseholdId(householdId).value();
        scoped.requireHousehold(id, "household.history");
        Optional<HouseholdHistoryView> history = await(queryGateway.query(new FindHouseholdHistoryQuery(id),
                ResponseTypes.optionalInstanceOf(HouseholdHistoryView.class)));
        return history.orElseThrow(() -> notFound(id));
    }

    @GetMapping
    @ReadsProjections(HouseholdViewProjection.PROCESSING_GROUP)
    public HouseholdPage households(@RequestParam(required = false) String communeCode,
                                    @RequestParam(required = false) String village,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(required = false) String ethnicMinority,
                                    @RequestParam(required = false) String transition,
                                    @RequestParam(required = false) Integer transitionYear,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        HouseholdQueryHandler.requireValidPage(page, size);
        StatusTransition named = blank(transition) ? null : transition(transition);
        HouseholdQueryHandler.requireTransitionWithYear(named != null, transitionYear);
        String commune = blank(communeCode) ? null : new CommuneCode(communeCode.strip()).value();
        UnitScope scope = scoped.scope();
        if (commune != null && !scope.covers(commune)) {
            // an empty page, as for a commune without households
            scoped.filtered("household.list");
        }
        FindHouseholdsQuery query = new FindHouseholdsQuery(
                commune,
                blank(village) ? null : Require.text("village", village, 100),
                blank(status) ? null : status(status),
                blank(ethnicMinority) ? null : flag(ethnicMinority),
                named, transitionYear, page, size, scope);
        return await(queryGateway.query(query, ResponseTypes.instanceOf(HouseholdPage.class)));
    }

    private static DomainException notFound(String householdId) {
        return ScopedReads.householdNotFound(householdId);
    }

    private static PovertyStatus status(String value) {
        try {
            return PovertyStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status", "one-of:" + STATUSES, "status must be one of " + STATUSES);
        }
    }

    private static StatusTransition transition(String value) {
        try {
            return StatusTransition.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("transition", "one-of:" + TRANSITIONS,
                    "transition must be one of " + TRANSITIONS);
        }
    }

    private static Boolean flag(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ValidationException("ethnicMinority", "one-of:true,false",
                    "ethnicMinority must be true or false");
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Waits for the answer; a refusal from the handler is rethrown as it was thrown. */
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
