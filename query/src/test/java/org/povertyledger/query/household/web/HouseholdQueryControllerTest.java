package org.povertyledger.query.household.web;

import static org.assertj.core.api.Assertions.assertThat;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.access.AccessScope;
import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.query.household.HouseholdHistoryProjection;
import org.povertyledger.query.household.HouseholdQueryHandler;
import org.povertyledger.query.household.HouseholdViewProjection;
import org.povertyledger.query.support.EmbeddedMongo;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoDatabase;

/**
 * The read API over a real query gateway and bus, the real query handler and the embedded store. The
 * application's problem+json handler is replaced by a small advice that only exposes which refusal
 * reached the edge.
 */
class HouseholdQueryControllerTest {

    private static final LocalDate DEC_2023 = LocalDate.of(2023, 12, 15);
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MockMvc mvc;
    /** The scope of the requests; national unless a test narrows it. */
    private UnitScope scope = UnitScope.nationalScope();
    private final List<String> refusals = new ArrayList<>();
    private final AccessScope access = new AccessScope() {
        @Override
        public UnitScope current() {
            return scope;
        }

        @Override
        public void denied(String reason, String endpoint) {
            refusals.add(reason + "@" + endpoint);
        }
    };

    /** Stands in for the application's error mapping. */
    @RestControllerAdvice
    static class RefusalsForTest {

        @ExceptionHandler(DomainException.class)
        ResponseEntity<Map<String, Object>> refused(DomainException e) {
            HttpStatus status = switch (e.code().kind()) {
                case VALIDATION -> HttpStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT -> HttpStatus.CONFLICT;
                case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
                case FORBIDDEN -> HttpStatus.FORBIDDEN;
            };
            return ResponseEntity.status(status).body(Map.of("code", e.code().name(), "field", e.field(),
                    "rule", e.rule()));
        }

        @ExceptionHandler(MethodArgumentTypeMismatchException.class)
        ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
            return ResponseEntity.badRequest().body(Map.of("code", "TYPE_MISMATCH", "field", e.getName()));
        }
    }

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.freshDatabase();
        HouseholdViewProjection view = new HouseholdViewProjection(database);
        HouseholdHistoryProjection history = new HouseholdHistoryProjection(database);
        HouseholdRegisteredEvent registered = new HouseholdRegisteredEvent(new HouseholdId("HH-01"),
                new CommuneCode("01234"), "Ban Na", Area.RURAL, "Lo Van A", "Thai", true, 4);
        AssessmentRecordedEvent assessed = new AssessmentRecordedEvent(new HouseholdId("HH-01"), 2023,
                ReviewKind.PERIODIC, DEC_2023.minusDays(30), Area.RURAL, 900_000L,
                Livelihood.FARMING_FORESTRY_FISHERY_SALT, new TreeSet<>(), "QD-12/2023", DEC_2023, "decree-07-2021",
                1, 3, PovertyStatus.POOR);
        MetaData metaData = MetaData.with(MetadataKeys.ACTOR_ID, "officer-17");
        view.on(registered, new GlobalSequenceTrackingToken(10), T0);
        view.on(assessed, new GlobalSequenceTrackingToken(11), "a-1", T0.plusSeconds(1));
        history.on(registered, new GlobalSequenceTrackingToken(10), "e-10", T0, metaData);
        history.on(assessed, new GlobalSequenceTrackingToken(11), "a-1", T0.plusSeconds(1), metaData);

        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        HouseholdQueryHandler handler = new HouseholdQueryHandler(database);
        new AnnotationQueryHandlerAdapter<>(handler).subscribe(queryBus);
        HouseholdQueryController controller = new HouseholdQueryController(
                DefaultQueryGateway.builder().queryBus(queryBus).build(), new ScopedReads(access, handler));
        mvc = MockMvcBuilders.standaloneSetup(controller)
                .setControllerAdvice(new RefusalsForTest())
                .setMessageConverters(new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json()
                        .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
                .build();
    }

    @Test
    void aHouseholdIsAnsweredWithItsCurrentViewAndPosition() throws Exception {
        mvc.perform(get("/api/households/HH-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.householdId").value("HH-01"))
                .andExpect(jsonPath("$.communeCode").value("01234"))
                .andExpect(jsonPath("$.status").value("POOR"))
                .andExpect(jsonPath("$.statusSince").value("2023-12-15"))
                .andExpect(jsonPath("$.lastReviewYear").value(2023))
                .andExpect(jsonPath("$.asOf").doesNotExist())
                .andExpect(jsonPath("$.position").value(11))
                .andExpect(jsonPath("$.recordedAt").value("2024-03-01T08:00:01Z"));
    }

    @Test
    void asOfAnswersTheStatusOnThatDate() throws Exception {
        mvc.perform(get("/api/households/HH-01").param("asOf", "2023-12-14"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNASSESSED"))
                .andExpect(jsonPath("$.asOf").value("2023-12-14"));
        mvc.perform(get("/api/households/HH-01").param("asOf", "2023-12-15"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("POOR"));
    }

    @Test
    void anAsOfThatIsNotADateIsRefusedByConversion() throws Exception {
        mvc.perform(get("/api/households/HH-01").param("asOf", "15/12/2023"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("TYPE_MISMATCH"))
                .andExpect(jsonPath("$.field").value("asOf"));
    }

    @Test
    void anUnknownHouseholdIsRefusedAsNotFound() throws Exception {
        mvc.perform(get("/api/households/HH-99"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("HOUSEHOLD_NOT_FOUND"))
                .andExpect(jsonPath("$.field").value("householdId"))
                .andExpect(jsonPath("$.rule").value("exists"));
        mvc.perform(get("/api/households/HH-99/history"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("HOUSEHOLD_NOT_FOUND"));
    }

    @Test
    void aMalformedHouseholdIdIsRefusedAsInvalid() throws Exception {
        mvc.perform(get("/api/households/-bad!"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field").value("householdId"));
    }

    @Test
    void theHistoryListsTheEventsWithMetadataAndPosition() throws Exception {
        mvc.perform(get("/api/households/HH-01/history"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.householdId").value("HH-01"))
                .andExpect(jsonPath("$.position").value(11))
                .andExpect(jsonPath("$.entries", hasSize(2)))
                .andExpect(jsonPath("$.entries[0].eventType").value("HouseholdRegisteredEvent"))
                .andExpect(jsonPath("$.entries[0].statusAfter").value("UNASSESSED"))
                .andExpect(jsonPath("$.entries[1].eventId").value("a-1"))
                .andExpect(jsonPath("$.entries[1].actorId").value("officer-17"))
                .andExpect(jsonPath("$.entries[1].statusBefore").value("UNASSESSED"))
                .andExpect(jsonPath("$.entries[1].statusAfter").value("POOR"))
                .andExpect(jsonPath("$.entries[1].payload.incomePerCapitaMonthly").value(900000));
    }

    @Test
    void theListAppliesFiltersAndTreatsBlankOnesAsAbsent() throws Exception {
        mvc.perform(get("/api/households").param("communeCode", "01234").param("village", "")
                        .param("status", "poor").param("ethnicMinority", "true").param("page", "0")
                        .param("size", "10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].householdId", contains("HH-01")))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(10))
                .andExpect(jsonPath("$.position").value(11));
        mvc.perform(get("/api/households").param("status", "NEAR_POOR"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.size").value(50));
    }

    @Test
    void aHouseholdOutsideTheScopeIsAnsweredAsMissingAndTheListLeavesItOut() throws Exception {
        scope = UnitScope.of(List.of("05678"));
        mvc.perform(get("/api/households/HH-01"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("HOUSEHOLD_NOT_FOUND"))
                .andExpect(jsonPath("$.field").value("householdId"))
                .andExpect(jsonPath("$.rule").value("exists"));
        mvc.perform(get("/api/households/HH-01/history"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("HOUSEHOLD_NOT_FOUND"));
        mvc.perform(get("/api/households"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/households").param("communeCode", "01234"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
        assertThat(refusals).containsExactly("out-of-scope@household.read", "out-of-scope@household.history",
                "out-of-scope@household.list");

        scope = UnitScope.of(List.of("01234"));
        mvc.perform(get("/api/households/HH-01")).andExpect(status().isOk());
        mvc.perform(get("/api/households")).andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void badListParametersAreRefusedNamingTheParameter() throws Exception {
        expectInvalid("size", "0", "size", "min:1");
        expectInvalid("size", "501", "size", "max:500");
        expectInvalid("page", "-1", "page", "min:0");
        expectInvalid("status", "RICH", "status", null);
        expectInvalid("ethnicMinority", "maybe", "ethnicMinority", "one-of:true,false");
        expectInvalid("communeCode", "123", "communeCode", null);
        expectInvalid("transition", "GOT_RICH", "transition", "one-of:NEWLY_POOR,RE_POOR,NEWLY_NEAR_POOR,"
                + "POOR_TO_NEAR_POOR,NEAR_POOR_TO_POOR,ESCAPED_POVERTY,ESCAPED_NEAR_POVERTY,FIRST_ASSESSED_ABOVE_LINE,"
                + "ABOVE_LINE_RECLASSIFIED");
        expectInvalid("transitionYear", "2024", "transitionYear", "requires-transition");
        mvc.perform(get("/api/households").param("page", "first"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("TYPE_MISMATCH"))
                .andExpect(jsonPath("$.field").value("page"));
    }

    private void expectInvalid(String parameter, String value, String field, String rule) throws Exception {
        var result = mvc.perform(get("/api/households").param(parameter, value))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.field").value(field));
        if (rule != null) {
            result.andExpect(jsonPath("$.rule").value(rule));
        }
    }
}
