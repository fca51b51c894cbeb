package org.povertyledger.deploy.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.deploy.ApiClient;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.AssessmentOutcome;
import org.povertyledger.shared.household.command.CorrectAssessmentCommand;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.programme.command.AdjustAllocationCommand;
import org.povertyledger.shared.programme.command.DisburseFundsCommand;
import org.povertyledger.shared.programme.value.AdjustmentDirection;
import org.povertyledger.shared.programme.value.AllocationId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Guarantee 2, concurrent writers: two nodes on one store; 8 client threads over HTTP on the first and 8 threads
 * through the second's command gateway register, assess, correct and disburse against the same households and
 * allocations for a bounded time. Conflicts are provoked on purpose (registering a taken id, a second periodic
 * review of a year, a disbursement beyond the allocation, the same request sent twice) and every 409 must name
 * what it conflicts with well enough for the client's retry to succeed. Afterwards the ledger is read through the
 * driver: positions 1..N without a gap, each household's events in order (also in its history view), on no date an
 * allocation more disbursed than allocated, no request applied twice, every acknowledged write present.
 */
class ConcurrentWritersGuaranteeTest {

    private static final int THREADS_PER_CHANNEL = 8;
    private static final int SECONDS = Integer.getInteger("guarantees.writers.seconds", 20);
    private static final int MAX_RETRIES = 20;
    private static final long ALLOCATED = 60_000_000L;
    private static final LocalDate ALLOCATION_DATE = LocalDate.of(2024, 2, 1);
    private static final List<String> FOUR = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER",
            "TELECOM_USE");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** What a write came to, over either channel: a status as HTTP would give it, the problem or the answer. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status == 200 || status == 201;
        }

        String code() {
            return body.path("code").asText(null);
        }

        long position() {
            return body.path("position").asLong(0);
        }
    }

    /** The writes a client makes; one implementation over HTTP, one over the command gateway. */
    interface Channel {
        Answer register(String householdId);

        Answer assess(String householdId, int year, long income, List<String> deprivations);

        Answer correct(String householdId, String assessmentId, long income, List<String> deprivations);

        Answer disburse(String allocationId, long amount, LocalDate date);

        Answer increase(String allocationId, long amount, LocalDate effectiveDate);
    }

    /** A user's HTTP client; one request in ten is sent twice under its key, as after a lost answer. */
    static final class HttpChannel implements Channel {
        private final ApiClient api;
        private final Random random;
        private final Stats stats;

        HttpChannel(ApiClient api, long seed, Stats stats) {
            this.api = api;
            this.random = new Random(seed);
            this.stats = stats;
        }

        @Override
        public Answer register(String householdId) {
            return send("/api/households", Requests.household(householdId, "Buon Jun"));
        }

        @Override
        public Answer assess(String householdId, int year, long income, List<String> deprivations) {
            return send("/api/households/" + householdId + "/assessments",
                    Requests.assessment(year, income, deprivations));
        }

        @Override
        public Answer correct(String householdId, String assessmentId, long income, List<String> deprivations) {
            Map<String, Object> body = Requests.findings(income, deprivations);
            body.put("surveyDate", "2025-10-20");
            body.put("decisionRef", "QD-C/UBND");
            body.put("effectiveDate", "2025-12-20");
            body.put("reason", "re-surveyed");
            return send("/api/households/" + householdId + "/assessments/" + assessmentId + "/corrections", body);
        }

        @Override
        public Answer disburse(String allocationId, long amount, LocalDate date) {
            return send("/api/allocations/" + allocationId + "/disbursements", Map.of("amount", amount,
                    "disbursementDate", date.toString(), "purpose", "vocational training", "payee", "Trainee"));
        }

        @Override
        public Answer increase(String allocationId, long amount, LocalDate effectiveDate) {
            return send("/api/allocations/" + allocationId + "/adjustments", Map.of("direction", "INCREASE",
                    "amount", amount, "decisionRef", "QD-TOPUP/UBND", "effectiveDate", effectiveDate.toString(),
                    "reason", "top-up for demand"));
        }

        private Answer send(String path, Object body) {
            String key = UUID.randomUUID().toString();
            ApiClient.Response response = api.post("officer", path, body, key);
            Answer answer = new Answer(response.status(), response.json() == null ? JSON.createObjectNode()
                    : response.json());
            if (random.nextInt(10) == 0) {
                ApiClient.Response repeat = api.post("officer", path, body, key);
                stats.repeats.incrementAndGet();
                if (response.status() == 409 && repeat.status() != 409) {
                    // A conflict is not kept under the key (another writer may resolve it in between): the repeat
                    // executes afresh, and if it now succeeds it is the one write this key makes, which the ledger's
                    // unique request key and the "no key in two commits" check below hold to once.
                    if (repeat.status() / 100 != 2 || repeat.json() == null
                            || repeat.json().path("position").asLong(0) <= 0) {
                        stats.failures.add("a repeat of " + path + " after a conflict answered " + repeat.status()
                                + " " + repeat.body());
                    }
                    return new Answer(repeat.status(), repeat.json() == null ? JSON.createObjectNode()
                            : repeat.json());
                }
                if (repeat.status() != response.status() || repeat.json() == null
                        || repeat.json().path("position").asLong(0) != answer.position()) {
                    stats.failures.add("a repeat of " + path + " under the same key answered " + repeat.status() + " "
                            + repeat.body() + " after " + response.status() + " " + response.body());
                }
            }
            return answer;
        }
    }

    /** A component inside the second node sending commands with the metadata the HTTP edge would add. */
    static final class GatewayChannel implements Channel {
        private final CommandGateway gateway;

        GatewayChannel(CommandGateway gateway) {
            this.gateway = gateway;
        }

        @Override
        public Answer register(String householdId) {
            return send(new RegisterHouseholdCommand(new HouseholdId(householdId), new CommuneCode("24541"),
                    "Buon Jun", Area.RURAL, "Head of " + householdId, "M'nong", true, 4), null, null);
        }

        @Override
        public Answer assess(String householdId, int year, long income, List<String> deprivations) {
            return send(new RecordAssessmentCommand(new HouseholdId(householdId), new ReviewYear(year),
                    ReviewKind.PERIODIC, LocalDate.of(year, 10, 15), findings(income, deprivations), "QD-" + year
                    + "/UBND", LocalDate.of(year, 12, 15)), "QD-" + year + "/UBND", null);
        }

        @Override
        public Answer correct(String householdId, String assessmentId, long income, List<String> deprivations) {
            return send(new CorrectAssessmentCommand(new HouseholdId(householdId), assessmentId,
                    LocalDate.of(2025, 10, 20), findings(income, deprivations), "QD-C/UBND",
                    LocalDate.of(2025, 12, 20), "re-surveyed"), "QD-C/UBND", "re-surveyed");
        }

        @Override
        public Answer disburse(String allocationId, long amount, LocalDate date) {
            return send(new DisburseFundsCommand(new AllocationId(allocationId), new Vnd(amount), date,
                    "vocational training", "Trainee", null), null, null);
        }

        @Override
        public Answer increase(String allocationId, long amount, LocalDate effectiveDate) {
            return send(new AdjustAllocationCommand(new AllocationId(allocationId), AdjustmentDirection.INCREASE,
                    new Vnd(amount), "QD-TOPUP/UBND", effectiveDate, "top-up for demand"), "QD-TOPUP/UBND",
                    "top-up for demand");
        }

        private static AssessmentFindings findings(long income, List<String> deprivations) {
            return new AssessmentFindings(new Vnd(income), Livelihood.FARMING_FORESTRY_FISHERY_SALT,
                    Set.copyOf(deprivations));
        }

        private Answer send(Object command, String legalBasis, String reason) {
            Map<String, Object> metadata = new HashMap<>();
            metadata.put(MetadataKeys.ACTOR_ID, "district-sync");
            metadata.put(MetadataKeys.ACTOR_ROLE, "OFFICER");
            metadata.put(MetadataKeys.IDEMPOTENCY_KEY, UUID.randomUUID().toString());
            metadata.put(MetadataKeys.CORRELATION_ID, UUID.randomUUID().toString());
            if (legalBasis != null) {
                metadata.put(MetadataKeys.LEGAL_BASIS, legalBasis);
            }
            if (reason != null) {
                metadata.put(MetadataKeys.REASON, reason);
            }
            try {
                Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(MetaData.from(metadata)));
                CommandResult receipt = (CommandResult) result;
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("position", receipt.lastPosition());
                if (receipt.result() instanceof AssessmentOutcome outcome) {
                    body.put("assessmentId", outcome.assessmentId());
                }
                return new Answer(201, JSON.valueToTree(body));
            } catch (RuntimeException e) {
                DomainException refusal = domainCause(e);
                if (refusal == null) {
                    throw e;
                }
                Map<String, Object> problem = new LinkedHashMap<>(refusal.details());
                problem.put("code", refusal.code().name());
                problem.put("field", refusal.field());
                problem.put("rule", refusal.rule());
                int status = switch (refusal.code().kind()) {
                    case CONFLICT -> 409;
                    case NOT_FOUND -> 404;
                    case VALIDATION -> 400;
                    case UNAVAILABLE -> 503;
                    case FORBIDDEN -> 403;
                };
                return new Answer(status, JSON.valueToTree(problem));
            }
        }

        private static DomainException domainCause(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DomainException domain) {
                    return domain;
                }
            }
            return null;
        }
    }

    /** Counters shared by all client threads. */
    static final class Stats {
        final AtomicLong commands = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong repeats = new AtomicLong();
        final Map<String, AtomicLong> conflictsByCode = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
    }

    /** The shared targets: a pool of household ids (some never registered), the allocations, known assessments. */
    static final class Targets {
        final List<String> householdPool = new ArrayList<>();
        final Set<String> registered = ConcurrentHashMap.newKeySet();
        final Map<String, String> assessments = new ConcurrentHashMap<>();
        final List<String> allocations = new ArrayList<>();
    }

    /** One client thread: random writes until the deadline, each conflict answered by the retry it calls for. */
    static final class Client implements Runnable {
        private final Channel channel;
        private final Random random;
        private final Targets targets;
        private final Stats stats;
        private final long deadline;
        private final String name;
        private int fresh;

        Client(String name, Channel channel, long seed, Targets targets, Stats stats, long deadline) {
            this.name = name;
            this.channel = channel;
            this.random = new Random(seed);
            this.targets = targets;
            this.stats = stats;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            while (System.nanoTime() < deadline && stats.failures.size() < 20) {
                int op = random.nextInt(10);
                if (op < 2) {
                    register();
                } else if (op < 5) {
                    assess();
                } else if (op < 6) {
                    correct();
                } else {
                    disburse();
                }
            }
        }

        private void register() {
            String id = targets.householdPool.get(random.nextInt(targets.householdPool.size()));
            Answer answer = done(channel.register(id));
            if (answer.ok()) {
                targets.registered.add(id);
                return;
            }
            conflict(answer, "HOUSEHOLD_ALREADY_REGISTERED", "householdId");
            String other = name + "-" + (++fresh);
            Answer retry = retried(channel.register(other));
            expectSuccess(retry, "registering a fresh id after " + answer.body());
            targets.registered.add(other);
        }

        private void assess() {
            String id = pick(targets.registered);
            int year = 2022 + random.nextInt(4);
            long income = 900_000 + random.nextInt(1_500_000);
            Answer answer = done(channel.assess(id, year, income, FOUR));
            if (answer.ok()) {
                targets.assessments.put(id, answer.body().path("assessmentId").asText());
                return;
            }
            conflict(answer, "PERIODIC_ASSESSMENT_EXISTS", "reviewYear");
            String existing = answer.body().path("assessmentId").asText(null);
            if (existing == null) {
                stats.failures.add("a PERIODIC_ASSESSMENT_EXISTS conflict without the assessmentId: " + answer.body());
                return;
            }
            expectSuccess(retried(channel.correct(id, existing, income, FOUR)), "correcting " + existing);
        }

        private void correct() {
            if (targets.assessments.isEmpty()) {
                return;
            }
            String id = pick(targets.assessments.keySet());
            Answer answer = done(channel.correct(id, targets.assessments.get(id), 1_000_000 + random.nextInt(900_000),
                    List.of("TELECOM_USE")));
            expectSuccess(answer, "a correction of " + id);
        }

        private void disburse() {
            String allocation = targets.allocations.get(random.nextInt(targets.allocations.size()));
            long amount = (1 + random.nextInt(8)) * 1_000_000L;
            LocalDate date = ALLOCATION_DATE.plusDays(30 + random.nextInt(150));
            Answer answer = done(channel.disburse(allocation, amount, date));
            for (int attempt = 0; !answer.ok(); attempt++) {
                conflict(answer, "DISBURSEMENT_EXCEEDS_ALLOCATION", "amount");
                JsonNode problem = answer.body();
                if (!problem.has("allocated") || !problem.has("disbursed") || problem.path("requested").asLong() != amount
                        || problem.get("disbursed").asLong() + amount <= problem.get("allocated").asLong()) {
                    stats.failures.add("a refused disbursement without consistent figures: " + problem);
                    return;
                }
                if (attempt == MAX_RETRIES) {
                    stats.failures.add("a disbursement still refused after " + MAX_RETRIES + " top-ups: " + problem);
                    return;
                }
                // The figures say what is missing; the district raises the allocation by that much and retries.
                long missing = problem.get("disbursed").asLong() + amount - problem.get("allocated").asLong();
                expectSuccess(retried(channel.increase(allocation, missing, date)), "a top-up of " + allocation);
                answer = retried(channel.disburse(allocation, amount, date));
            }
        }

        private Answer done(Answer answer) {
            stats.commands.incrementAndGet();
            if (answer.ok()) {
                stats.acknowledged.add(answer.position());
            }
            return answer;
        }

        private Answer retried(Answer answer) {
            stats.retries.incrementAndGet();
            return done(answer);
        }

        private void conflict(Answer answer, String expectedCode, String expectedField) {
            if (answer.status() != 409 || !expectedCode.equals(answer.code())
                    || !expectedField.equals(answer.body().path("field").asText(null))) {
                stats.failures.add("expected 409 " + expectedCode + " on " + expectedField + ", got " + answer.status()
                        + " " + answer.body());
                return;
            }
            stats.conflicts.incrementAndGet();
            stats.conflictsByCode.computeIfAbsent(expectedCode, c -> new AtomicLong()).incrementAndGet();
        }

        private void expectSuccess(Answer answer, String what) {
            if (!answer.ok()) {
                stats.failures.add(what + " answered " + answer.status() + " " + answer.body());
            }
        }

        private String pick(Set<String> from) {
            List<String> ids = new ArrayList<>(from);
            return ids.get(random.nextInt(ids.size()));
        }
    }

    private static ConfigurableApplicationContext node(EmbeddedMongoServer store, Path dataDir) {
        return new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .run("--server.port=0", "--povertyledger.mongodb.uri=" + store.connectionString(),
                        "--povertyledger.data-dir=" + dataDir);
    }

    @Test
    void concurrentWritersOverHttpAndTheGatewayLeaveAGaplessOrderedLedgerWithNoAllocationOverDisbursed()
            throws Exception {
        long seed = Long.getLong("guarantees.seed", System.nanoTime());
        System.out.println("concurrent writers: seed " + seed + " (rerun with -Dguarantees.seed=" + seed + ")");
        try (EmbeddedMongoServer store = EmbeddedMongoServer.start(dataDir.resolve("store"), "127.0.0.1", 0);
             ConfigurableApplicationContext first = node(store, dataDir.resolve("a"));
             ConfigurableApplicationContext second = node(store, dataDir.resolve("b"))) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) first).getWebServer().getPort());
            Targets targets = new Targets();
            for (int i = 0; i < 24; i++) {
                targets.householdPool.add("HH-CW" + i);
            }
            for (int i = 0; i < 12; i++) {
                assertThat(api.post("officer", "/api/households", Requests.household("HH-CW" + i, "Buon Jun"))
                        .status()).isEqualTo(201);
                targets.registered.add("HH-CW" + i);
            }
            for (String subProject : List.of("P4.SP1", "P4.SP2", "P4.SP3")) {
                Map<String, Object> allocation = new LinkedHashMap<>();
                allocation.put("programmeCode", "NTP-SPR-2021-2025");
                allocation.put("subProjectCode", subProject);
                allocation.put("fiscalYear", 2024);
                allocation.put("source", "CENTRAL_BUDGET");
                allocation.put("amount", ALLOCATED);
                allocation.put("recipientUnitCode", "24541");
                allocation.put("decisionRef", "QD-77/UBND");
                allocation.put("effectiveDate", ALLOCATION_DATE.toString());
                ApiClient.Response allocated = api.post("officer", "/api/allocations", allocation);
                assertThat(allocated.status()).as(allocated.body()).isEqualTo(201);
                targets.allocations.add(allocated.json().get("allocationId").asText());
            }
            long setupHead = LedgerAudit.of(first.getBean(MongoDatabase.class)).head();

            Stats stats = new Stats();
            long started = System.nanoTime();
            long deadline = started + TimeUnit.SECONDS.toNanos(SECONDS);
            Random seeds = new Random(seed);
            CommandGateway gateway = second.getBean(CommandGateway.class);
            ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_CHANNEL);
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < THREADS_PER_CHANNEL; i++) {
                clients.add(pool.submit(new Client("HH-CWH" + i, new HttpChannel(api, seeds.nextLong(), stats),
                        seeds.nextLong(), targets, stats, deadline)));
                clients.add(pool.submit(new Client("HH-CWG" + i, new GatewayChannel(gateway), seeds.nextLong(),
                        targets, stats, deadline)));
            }
            for (Future<?> client : clients) {
                client.get(SECONDS + 120L, TimeUnit.SECONDS);
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(stats.failures).as("conflicts that did not name what they conflict with, failed retries")
                    .isEmpty();

            LedgerAudit ledger = LedgerAudit.of(first.getBean(MongoDatabase.class));
            assertThat(ledger.gaps()).as(ledger.toString()).isEmpty();
            assertThat(ledger.sequenceBreaks()).as(ledger.toString()).isEmpty();
            assertThat(ledger.chain().ok()).as(ledger.chain().toString()).isTrue();
            assertThat(ledger.duplicatedRequests()).as("commits under an idempotency key already used").isZero();
            Set<Long> positions = ConcurrentHashMap.newKeySet();
            ledger.events().forEach(e -> positions.add(e.position()));
            long lost = stats.acknowledged.stream().filter(p -> !positions.contains(p)).count();
            assertThat(lost).as("acknowledged positions missing from the ledger").isZero();
            for (String allocation : targets.allocations) {
                assertNeverOverDisbursed(ledger, allocation);
            }
            assertHistoriesInLedgerOrder(api, ledger, targets.registered);

            // Every allocation's conflict path ran, so the test saw refusals it had to get right.
            assertThat(stats.conflictsByCode.keySet()).contains("HOUSEHOLD_ALREADY_REGISTERED",
                    "PERIODIC_ASSESSMENT_EXISTS", "DISBURSEMENT_EXCEEDS_ALLOCATION");
            System.out.printf("concurrent writers: %d threads (%d HTTP, %d gateway) for %.1f s: %d commands, %.0f "
                            + "commands/s, %d conflicts %s, %d retries, %d repeated requests, %d events at positions "
                            + "1..%d, %d over-disbursed, 0 lost%n", 2 * THREADS_PER_CHANNEL, THREADS_PER_CHANNEL,
                    THREADS_PER_CHANNEL, seconds, stats.commands.get(), stats.commands.get() / seconds,
                    stats.conflicts.get(), stats.conflictsByCode, stats.retries.get(), stats.repeats.get(),
                    ledger.head() - setupHead, ledger.head(), 0);
            GuaranteeLog.record("concurrent writers",
                    String.format("%d threads x %d s, %d commands (%.0f/s)", 2 * THREADS_PER_CHANNEL, SECONDS,
                            stats.commands.get(), stats.commands.get() / seconds),
                    stats.conflicts.get() + " conflicts, " + stats.repeats.get() + " repeated keys", lost,
                    ledger.duplicatedRequests(), stats.retries.get() + "/" + stats.retries.get() + " retries ok");
        }
    }

    /** On every date, what was disbursed up to it is within what was allocated up to it. */
    private static void assertNeverOverDisbursed(LedgerAudit ledger, String allocationId) {
        TreeMap<LocalDate, Long> change = new TreeMap<>();
        for (LedgerAudit.Event event : ledger.events()) {
            JsonNode p = event.payload();
            if (!allocationId.equals(p.path("allocationId").asText())) {
                continue;
            }
            if (event.is("FundsAllocatedEvent")) {
                change.merge(LocalDate.parse(p.get("effectiveDate").asText()), p.get("amount").asLong(), Long::sum);
            } else if (event.is("AllocationAdjustedEvent")) {
                long amount = p.get("amount").asLong();
                change.merge(LocalDate.parse(p.get("effectiveDate").asText()),
                        p.get("direction").asText().equals("INCREASE") ? amount : -amount, Long::sum);
            } else if (event.is("FundsDisbursedEvent")) {
                change.merge(LocalDate.parse(p.get("disbursementDate").asText()), -p.get("amount").asLong(),
                        Long::sum);
            }
        }
        long headroom = 0;
        for (Map.Entry<LocalDate, Long> day : change.entrySet()) {
            headroom += day.getValue();
            assertThat(headroom).as("allocation %s on %s: allocated minus disbursed", allocationId, day.getKey())
                    .isNotNegative();
        }
    }

    /** Each household's events follow one another in the ledger, and its history view lists them in that order. */
    private static void assertHistoriesInLedgerOrder(ApiClient api, LedgerAudit ledger, Set<String> households) {
        Map<String, List<Long>> positionsByHousehold = new HashMap<>();
        for (LedgerAudit.Event event : ledger.events()) {
            if (households.contains(event.aggregateId())) {
                positionsByHousehold.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>())
                        .add(event.position());
            }
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String household : households) {
                JsonNode entries = api.get("auditor", "/api/households/" + household + "/history").json()
                        .get("entries");
                List<Long> shown = new ArrayList<>();
                entries.forEach(entry -> shown.add(entry.get("position").asLong()));
                assertThat(shown).as("history of %s", household).isEqualTo(positionsByHousehold.get(household));
            }
        });
    }
}
