package org.povertyledger.deploy.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code java -jar povertyledger.jar soak --minutes=N [--threads=16] [--seed=S]}: the reliability suite's kinds of
 * load for N minutes against the service running as a child process of this jar. Client threads register and
 * assess households over HTTP, each write retried under its Idempotency-Key until acknowledged; the service is
 * killed with SIGKILL at random moments (seeded) and started again on the same data; a webhook subscription points
 * at a receiver that fails every third request. At the end the ledger is read through the driver: positions
 * contiguous, chain valid, every acknowledged write present once, every event acknowledged by the receiver. Prints
 * the same table as the test suite.
 */
public final class SoakRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path dataDir;
    private final int httpPort;
    private final int storePort;
    private Process service;

    private SoakRun(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.httpPort = freePort();
        this.storePort = freePort();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        int minutes = Integer.parseInt(options.getOrDefault("minutes", "10"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.nanoTime())));
        Path dataDir = Files.createTempDirectory("povertyledger-soak");
        System.out.printf("soak: %d minutes, %d client threads, seed %d, data in %s%n", minutes, threads, seed,
                dataDir);
        new SoakRun(dataDir).run(minutes, threads, new Random(seed));
    }

    private void run(int minutes, int threads, Random random) throws Exception {
        Map<String, Integer> acknowledgedByReceiver = new ConcurrentHashMap<>();
        AtomicLong receiverRequests = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            boolean fail = receiverRequests.incrementAndGet() % 3 == 0;
            if (!fail) {
                acknowledgedByReceiver.merge(exchange.getRequestHeaders().getFirst("webhook-id"), 1, Integer::sum);
            }
            exchange.sendResponseHeaders(fail ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong commands = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong refusals = new AtomicLong();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        int kills = 0;
        long started = System.nanoTime();
        try {
            start();
            JsonNode subscription = post("integrator", "/api/feed/subscriptions", Map.of("url",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "types",
                    List.of("household.registered.v1")), UUID.randomUUID().toString()).json;
            if (subscription == null || !subscription.has("subscriptionId")) {
                throw new IllegalStateException("could not subscribe: " + subscription);
            }
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                clients.add(pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String id = "HH-SOAK" + thread + "-" + n;
                        if (write(id, commands, retries, refusals, stop)) {
                            acknowledged.add(id);
                        }
                    }
                    return null;
                }));
            }
            long deadline = started + TimeUnit.MINUTES.toNanos(minutes);
            while (System.nanoTime() < deadline - TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(20_000 + random.nextInt(40_000));
                if (System.nanoTime() > deadline - TimeUnit.SECONDS.toNanos(30)) {
                    break;
                }
                service.destroyForcibly().waitFor();
                kills++;
                System.out.printf("soak: SIGKILL %d after %d acknowledged writes%n", kills, acknowledged.size());
                start();
            }
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            stop.set(true);
            for (Future<?> client : clients) {
                try {
                    client.get(5, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add("a client stopped: " + e.getCause());
                }
            }
            pool.shutdown();
            // Webhook deliveries catch up after the writes stop (and after the last restart).
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < giveUp && !acknowledgedByReceiver.keySet().containsAll(registrationIds())) {
                Thread.sleep(1_000);
            }
            service.destroy();
            service.waitFor(60, TimeUnit.SECONDS);
        } finally {
            if (service != null && service.isAlive()) {
                service.destroyForcibly().waitFor();
            }
            receiver.stop(0);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report(seconds, threads, kills, acknowledged, commands.get(), retries.get(), refusals.get(), failures,
                acknowledgedByReceiver, receiverRequests.get());
    }

    /** Registers one household, retrying under the same key through kills and outages; true when acknowledged. */
    private boolean write(String id, AtomicLong commands, AtomicLong retries, AtomicLong refusals,
                          AtomicBoolean stop) throws InterruptedException {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("householdId", id, "communeCode", "24541", "village", "Buon Jun",
                "area", "RURAL", "headName", "Head of " + id, "ethnicity", "E De", "ethnicMinority", true,
                "members", 4);
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (int attempt = 0; System.nanoTime() < giveUp; attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
                Thread.sleep(500);
            }
            commands.incrementAndGet();
            Answer answer = post("officer", "/api/households", body, key);
            if (answer.status == 200 || answer.status == 201) {
                return true;
            }
            if (answer.status != 0 && answer.status != 503 && answer.status != 409) {
                refusals.incrementAndGet();
                return false;
            }
            if (stop.get() && answer.status == 0 && !service.isAlive()) {
                return false;
            }
        }
        return false;
    }

    private Set<String> registrationIds() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
            Set<String> ids = ConcurrentHashMap.newKeySet();
            LedgerAudit.of(client.getDatabase("povertyledger")).ofType("HouseholdRegisteredEvent")
                    .forEach(e -> ids.add(e.eventId()));
            return ids;
        } catch (RuntimeException storeNotReachable) {
            return Set.of("-");
        }
    }

    private void report(double seconds, int threads, int kills, Set<String> acknowledged, long commands,
                        long retries, long refusals, List<String> failures, Map<String, Integer> delivered,
                        long receiverRequests) throws Exception {
        Process reader = startProcess();
        try {
            awaitHealthy(reader);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
                LedgerAudit ledger = LedgerAudit.of(client.getDatabase("povertyledger"));
                Map<String, Integer> registered = new HashMap<>();
                ledger.ofType("HouseholdRegisteredEvent").forEach(e -> registered.merge(e.aggregateId(), 1,
                        Integer::sum));
                long lost = acknowledged.stream().filter(id -> !registered.containsKey(id)).count();
                long duplicated = registered.values().stream().filter(n -> n > 1).count()
                        + ledger.duplicatedRequests();
                long undelivered = ledger.ofType("HouseholdRegisteredEvent").stream()
                        .filter(e -> !delivered.containsKey(e.eventId())).count();
                List<List<String>> rows = List.of(
                        List.of("soak: writers under kills", String.format("%d threads x %.0f s, %d commands",
                                        threads, seconds, commands), kills + " SIGKILLs, " + retries + " retries",
                                Long.toString(lost), Long.toString(duplicated),
                                (ledger.sound() ? "chain valid, gapless" : "LEDGER BROKEN: " + ledger)),
                        List.of("soak: webhook receiver faults", registered.size() + " events, " + receiverRequests
                                        + " requests", "every 3rd request 500, " + kills + " SIGKILLs",
                                Long.toString(undelivered), "-", (registered.size() - undelivered) + "/"
                                        + registered.size() + " delivered"));
                System.out.printf("soak: %d acknowledged writes, %d refused, %d events in the ledger%n",
                        acknowledged.size(), refusals, ledger.events().size());
                failures.forEach(f -> System.out.println("soak: " + f));
                System.out.println(GuaranteeTable.render(rows));
                if (!ledger.sound() || lost > 0 || duplicated > 0 || undelivered > 0 || !failures.isEmpty()) {
                    System.exit(1);
                }
            }
        } finally {
            reader.destroy();
            reader.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private void start() throws IOException, InterruptedException {
        service = startProcess();
        awaitHealthy(service);
    }

    private Process startProcess() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "org.springframework.boot.loader.launch.JarLauncher", "--server.port=" + httpPort,
                "--povertyledger.mongodb.uri=", "--povertyledger.data-dir=" + dataDir.resolve("store"),
                "--povertyledger.embedded.port=" + storePort, "--povertyledger.demo.enabled=false",
                "--povertyledger.feed.webhooks.allowed-networks=127.0.0.0/8",
                "--povertyledger.feed.webhooks.initial-backoff=100ms",
                "--povertyledger.feed.webhooks.max-backoff=2s",
                "--povertyledger.feed.webhooks.max-attempts=30")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("service.log").toFile()))
                .start();
    }

    private void awaitHealthy(Process process) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see " + dataDir.resolve("service.log"));
            }
            if (get("/actuator/health") == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not start; see " + dataDir.resolve("service.log"));
    }

    /** An answer; status 0 when there was none (the service is down or restarting). */
    private record Answer(int status, JsonNode json) {
    }

    private Answer post(String user, String path, Object body, String key) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException down) {
            return new Answer(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null);
        }
    }

    private int get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException down) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
