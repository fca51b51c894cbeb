package org.povertyledger.deploy.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on the loopback interface, as an integrator would write one: it verifies each request's
 * Standard Webhooks signature itself (HMAC-SHA256 over {@code id.timestamp.body} with the decoded secret, compared
 * in constant time), answers what its behaviour says, and records every attempt and every acknowledgement with a
 * global sequence number (taken before the answer is sent).
 */
public final class WebhookReceiver implements AutoCloseable {

    /**
     * One request received, with what an independent verifier needs (raw body and signature headers) and when it
     * arrived ({@link System#nanoTime()}); {@code answered} 0 means the connection was closed without an answer.
     */
    public record Attempt(String path, String webhookId, long sequence, boolean signatureValid, int answered,
                          JsonNode event, String body, String timestamp, String signature, long receivedAtNanos) {
    }

    /** What to answer: the status, and optionally a Retry-After value and a Location (for redirects). */
    public record Answer(int status, String retryAfter, String location) {
        /** Closes the connection without answering, as a receiver that crashes mid-request does. */
        public static final Answer CLOSE = new Answer(0, null, null);

        public Answer(int status, String retryAfter) {
            this(status, retryAfter, null);
        }

        public static Answer of(int status) {
            return new Answer(status, null);
        }
    }

    private final HttpServer server;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Function<Attempt, Answer>> behaviours = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** @param behaviour given the attempt (answered = 0 yet), what to answer */
    public void on(String path, Function<Attempt, Answer> behaviour) {
        behaviours.put(path, behaviour);
    }

    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    public List<Attempt> attempts(String path) {
        return attempts.stream().filter(a -> a.path().equals(path)).toList();
    }

    /** Attempts at this path answered with 2xx. */
    public List<Attempt> acknowledged(String path) {
        return attempts(path).stream().filter(a -> a.answered() >= 200 && a.answered() < 300).toList();
    }

    public long attemptsOf(String path, String webhookId) {
        return attempts(path).stream().filter(a -> a.webhookId().equals(webhookId)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        boolean valid = verify(secrets.get(path), id, timestamp, body, signatures);
        JsonNode event = FeedClient.JSON.readTree(body);
        String text = new String(body, StandardCharsets.UTF_8);
        Attempt pending = new Attempt(path, id, 0, valid, 0, event, text, timestamp, signatures, received);
        Answer answer = behaviours.getOrDefault(path, a -> Answer.of(204)).apply(pending);
        attempts.add(new Attempt(path, id, sequence.incrementAndGet(), valid, answer.status(), event, text, timestamp,
                signatures, received));
        if (answer.status() == 0) {
            exchange.close(); // no status line: the sender sees the connection end
            return;
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        if (answer.location() != null) {
            exchange.getResponseHeaders().add("Location", answer.location());
        }
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    /** The Standard Webhooks verification, written from the specification. */
    static boolean verify(String secret, String id, String timestamp, byte[] body, String signatureHeader) {
        if (secret == null || id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
            byte[] content = new byte[signed.length + body.length];
            System.arraycopy(signed, 0, content, 0, signed.length);
            System.arraycopy(body, 0, content, signed.length, body.length);
            byte[] expected = mac.doFinal(content);
            long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp));
            if (age > 300) {
                return false;
            }
            List<String> candidates = new ArrayList<>(List.of(signatureHeader.split(" ")));
            for (String candidate : candidates) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
