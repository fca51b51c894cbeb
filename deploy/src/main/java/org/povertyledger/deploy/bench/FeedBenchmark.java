package org.povertyledger.deploy.bench;

import static org.povertyledger.deploy.bench.BenchSupport.deleteRecursively;
import static org.povertyledger.deploy.bench.BenchSupport.seconds;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.sun.net.httpserver.HttpServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.povertyledger.query.feed.FeedFilter;
import org.povertyledger.query.feed.FeedPage;
import org.povertyledger.query.feed.FeedReader;
import org.povertyledger.query.feed.rabbitmq.RabbitFeedPublisher;
import org.povertyledger.query.feed.webhook.WebhookSubscriptionProjection;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.feed.command.CreateWebhookSubscriptionCommand;
import org.povertyledger.shared.feed.value.SubscriptionId;
import org.povertyledger.shared.feed.value.WebhookSecret;
import org.povertyledger.shared.feed.value.WebhookUrl;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.StatusTransition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the integrator feed in one run on a fresh embedded store, after appending N household events:
 * (a) a raw driver cursor over the events collection, (b) the feed read in process (pages of 1,000 CloudEvents
 * built from the same events) and (c) over HTTP, with the ratios (b)/(a) and (c)/(a); (d) webhook delivery to a
 * receiver on the loopback interface; (e) the RabbitMQ publisher with confirms, when a broker answers on
 * 127.0.0.1:5672. Run: {@code java -jar povertyledger.jar bench-feed [--events=N] [--webhook-events=M]}.
 */
public final class FeedBenchmark {

    private static final List<String> COMMUNES = List.of("24541", "24544", "24547", "24550");

    private final int events;
    private final int webhookEvents;
    private final PrintStream out;

    FeedBenchmark(int events, int webhookEvents, PrintStream out) {
        this.events = events;
        this.webhookEvents = webhookEvents;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int events = 50_000;
        int webhookEvents = 10_000;
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Integer.parseInt(arg.substring("--events=".length()));
            } else if (arg.startsWith("--webhook-events=")) {
                webhookEvents = Integer.parseInt(arg.substring("--webhook-events=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (use --events=N --webhook-events=M)");
            }
        }
        if (events < 100 || webhookEvents < 1 || webhookEvents > events) {
            throw new IllegalArgumentException("--events must be at least 100, --webhook-events between 1 and N");
        }
        new FeedBenchmark(events, webhookEvents, System.out).run();
    }

    public void run() throws Exception {
        Path dataDir = Files.createTempDirectory("povertyledger-feed-bench");
        boolean broker = brokerAnswers();
        String exchange = "povertyledger.bench." + UUID.randomUUID();
        try (WebhookSink sink = new WebhookSink();
             ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                     .web(WebApplicationType.SERVLET)
                     // As arguments, so that they win over application.yml (default properties would not).
                     .run("--server.port=0", "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                             "--povertyledger.demo.enabled=false", "--logging.level.root=WARN",
                             "--logging.level.org.povertyledger=WARN",
                             "--povertyledger.feed.webhooks.allowed-networks=127.0.0.0/8",
                             "--povertyledger.feed.webhooks.poll-interval=10ms",
                             "--povertyledger.feed.rabbitmq.enabled=" + broker,
                             "--povertyledger.feed.rabbitmq.exchange=" + exchange)) {
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            // Only the subscriptions projection keeps running: the webhook phase needs it.
            processing.eventProcessors().forEach((name, processor) -> {
                if (!name.equals(WebhookSubscriptionProjection.PROCESSING_GROUP)) {
                    processor.shutDown();
                }
            });
            MongoDatabase database = context.getBean(MongoDatabase.class);
            MongoLedgerStorageEngine engine = context.getBean(MongoLedgerStorageEngine.class);
            FeedReader reader = context.getBean(FeedReader.class);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();

            out.printf(Locale.ROOT, "PovertyLedger feed benchmark: N=%,d events, embedded store in %s, %d cores, "
                    + "max heap %d MB%n", events, dataDir, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            long appendStart = System.nanoTime();
            append(context.getBean(EventStore.class), events);
            long head = engine.head().position();
            out.printf(Locale.ROOT, "appended %,d events in commits of 100 at %,.0f events/s%n", head,
                    head / seconds(appendStart));

            // Each read twice; the second (warm) run counts.
            rawRead(database);
            double raw = rawRead(database);
            feedRead(reader, head);
            double feed = feedRead(reader, head);
            httpRead(port, head);
            double http = httpRead(port, head);
            out.printf(Locale.ROOT, "(a) raw cursor read                  %,10.0f events/s%n", raw);
            out.printf(Locale.ROOT, "(b) feed read, in process (1000/page) %,10.0f events/s (CloudEvents JSON)%n", feed);
            out.printf(Locale.ROOT, "(c) feed read, over HTTP (1000/page)  %,10.0f events/s%n", http);
            out.printf(Locale.ROOT, "ratio (b)/(a) %.2f   goal >= 0.50%n", feed / raw);
            out.printf(Locale.ROOT, "ratio (c)/(a) %.2f%n", http / raw);

            double webhooks = webhooks(context.getBean(CommandGateway.class), sink, head);
            out.printf(Locale.ROOT, "(d) webhook delivery to loopback      %,10.0f events/s over the last %,d events "
                    + "(signed, concurrency 8 per subscription)%n", webhooks, webhookEvents);

            if (broker) {
                double rabbit = rabbit(processing, exchange, head);
                out.printf(Locale.ROOT, "(e) RabbitMQ publish with confirms    %,10.0f events/s over %,d events "
                        + "(batches of 100, one bound queue)%n", rabbit, head);
            } else {
                out.println("(e) RabbitMQ publish: skipped, no broker answers on 127.0.0.1:5672");
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** Households of four events each (registration, assessment, status change, assessment), interleaved. */
    private static void append(EventStore eventStore, int count) {
        int households = (count + 3) / 4;
        List<EventMessage<?>> commit = new ArrayList<>(100);
        int appended = 0;
        for (int step = 0; step < 4 && appended < count; step++) {
            for (int i = 0; i < households && appended < count; i++) {
                String id = "B-" + i;
                Object payload = switch (step) {
                    case 0 -> new HouseholdRegisteredEvent(new HouseholdId(id),
                            new CommuneCode(COMMUNES.get(i % COMMUNES.size())), "Buon Jun", Area.RURAL, "Head " + i,
                            "M'nong", true, 4);
                    case 1 -> assessed(id, 2022);
                    case 2 -> new HouseholdStatusChangedEvent(new HouseholdId(id), PovertyStatus.UNASSESSED,
                            PovertyStatus.POOR, StatusTransition.NEWLY_POOR, id + "-a", 2022,
                            LocalDate.of(2022, 12, 15));
                    default -> assessed(id, 2023);
                };
                commit.add(new GenericDomainEventMessage<>("Household", id, step, payload,
                        Map.of(MetadataKeys.ACTOR_ID, "bench", MetadataKeys.ACTOR_ROLE, "OFFICER",
                                MetadataKeys.EFFECTIVE_DATE, "2022-12-15"), UUID.randomUUID().toString(),
                        Instant.now()));
                appended++;
                if (commit.size() == 100) {
                    eventStore.publish(commit);
                    commit = new ArrayList<>(100);
                }
            }
        }
        if (!commit.isEmpty()) {
            eventStore.publish(commit);
        }
    }

    private static AssessmentRecordedEvent assessed(String id, int year) {
        return new AssessmentRecordedEvent(new HouseholdId(id), year, ReviewKind.PERIODIC, LocalDate.of(year, 10, 1),
                Area.RURAL, 1_200_000, Livelihood.OTHER,
                new TreeSet<>(Set.of("DOMESTIC_WATER", "HOUSING_QUALITY", "NUTRITION")), "QD-" + year,
                LocalDate.of(year, 12, 15), "VN-DECREE-07-2021", 1, 3, PovertyStatus.POOR);
    }

    private static double rawRead(MongoDatabase database) {
        long start = System.nanoTime();
        long count = 0;
        try (MongoCursor<Document> cursor = database.getCollection("events").find().batchSize(1000).iterator()) {
            while (cursor.hasNext()) {
                count += cursor.next().getList("events", Document.class).size();
            }
        }
        return count / seconds(start);
    }

    private static double feedRead(FeedReader reader, long head) {
        long start = System.nanoTime();
        long count = 0;
        long bytes = 0;
        long after = 0;
        while (after < head) {
            FeedPage page = reader.read(after, 1000, FeedFilter.all(), false, 10_000);
            count += page.items().size();
            for (var item : page.items()) {
                bytes += item.json().length;
            }
            after = page.next();
            if (!page.closed()) {
                break;
            }
        }
        if (count != head || bytes == 0) {
            throw new IllegalStateException("the feed read " + count + " events of " + head);
        }
        return count / seconds(start);
    }

    private static double httpRead(int port, long head) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("integrator:integrator"
                .getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        long count = 0;
        long after = 0;
        while (after < head) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/feed?limit=1000&after=" + after)).header("Authorization", auth)
                    .header("Accept", "application/cloudevents-batch+json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("feed answered " + response.statusCode());
            }
            long next = Long.parseLong(response.headers().firstValue("Feed-Next").orElseThrow());
            count += countEvents(response.body());
            if (next == after) {
                break;
            }
            after = next;
        }
        if (count != head) {
            throw new IllegalStateException("the HTTP feed read " + count + " events of " + head);
        }
        return count / seconds(start);
    }

    /** Events in a CloudEvents batch, counted by their specversion member (no full parse). */
    private static long countEvents(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        long count = 0;
        for (int i = text.indexOf("\"specversion\""); i >= 0; i = text.indexOf("\"specversion\"", i + 1)) {
            count++;
        }
        return count;
    }

    private double webhooks(CommandGateway commands, WebhookSink sink, long head) throws InterruptedException {
        long after = head - webhookEvents;
        long start = System.nanoTime();
        commands.sendAndWait(new CreateWebhookSubscriptionCommand(SubscriptionId.generate(),
                new WebhookUrl(sink.url()), new TreeSet<>(), new TreeSet<>(), WebhookSecret.generate(), after, false));
        while (sink.received() < webhookEvents) {
            Thread.sleep(5);
            if (seconds(start) > 600) {
                throw new IllegalStateException("webhooks: only " + sink.received() + " delivered in 10 minutes");
            }
        }
        return webhookEvents / seconds(start);
    }

    private static double rabbit(EventProcessingConfiguration processing, String exchange, long head)
            throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "#");
            StreamingEventProcessor publisher = processing.eventProcessor(RabbitFeedPublisher.PROCESSING_GROUP,
                    StreamingEventProcessor.class).orElseThrow();
            long start = System.nanoTime();
            publisher.start();
            while (true) {
                long position = publisher.processingStatus().values().stream()
                        .mapToLong(s -> s.getCurrentPosition().orElse(0)).min().orElse(0);
                if (!publisher.processingStatus().isEmpty() && position >= head) {
                    break;
                }
                Thread.sleep(5);
            }
            double rate = head / seconds(start);
            publisher.shutDown();
            long queued = channel.messageCount(queue);
            if (queued < head) {
                throw new IllegalStateException("the bound queue holds " + queued + " of " + head + " events");
            }
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
            return rate;
        }
    }

    private static boolean brokerAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback webhook receiver that accepts everything and counts distinct webhook ids. */
    private static final class WebhookSink implements AutoCloseable {
        private final HttpServer server;
        private final Set<String> ids = ConcurrentHashMap.newKeySet();

        WebhookSink() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int received() {
            return ids.size();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
