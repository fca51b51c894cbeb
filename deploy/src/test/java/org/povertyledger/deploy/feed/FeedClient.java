package org.povertyledger.deploy.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Drives the feed over HTTP as an integrator would: pages, the SSE stream, subscriptions. */
final class FeedClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, JsonNode json, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One Server-Sent Event, or a comment ({@code comment} set, the rest null). */
    record SseMessage(String id, String event, String data, String comment) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    FeedClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    static String auth(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String user, String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).GET()
                .timeout(Duration.ofSeconds(60)).header("Authorization", auth(user));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    Response post(String user, String path, Object body) {
        return write(user, "POST", path, body);
    }

    Response delete(String user, String path) {
        return write(user, "DELETE", path, null);
    }

    private Response write(String user, String method, String path, Object body) {
        String text;
        try {
            text = body == null ? "" : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth(user)).header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (response.body() != null && !response.body().isBlank()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Response(response.statusCode(), json, response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open SSE connection; {@link #close()} drops it as a client going away would. */
    final class SseConnection implements AutoCloseable {
        private final InputStream body;
        private final BufferedReader reader;
        final int status;

        SseConnection(HttpResponse<InputStream> response) {
            this.status = response.statusCode();
            this.body = response.body();
            this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** The next event or comment; {@code null} at the end of the stream. */
        SseMessage next() throws IOException {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null || id != null) {
                        return new SseMessage(id, event, data == null ? null : data.toString(), null);
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    if (data == null && id == null) {
                        return new SseMessage(null, null, null, line.substring(1).strip());
                    }
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    SseConnection stream(String user, String path, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Authorization", auth(user)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        return new SseConnection(http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    static List<JsonNode> events(JsonNode page) {
        List<JsonNode> events = new ArrayList<>();
        page.get("events").forEach(events::add);
        return events;
    }
}
