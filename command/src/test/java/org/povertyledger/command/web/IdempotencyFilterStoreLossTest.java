package org.povertyledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The store goes away after a write's answer is decided but before the filter has kept it under its key: the
 * answer must still reach the client (it used to fail after the response was committed, and the connection was
 * closed without an answer).
 */
class IdempotencyFilterStoreLossTest {

    @TempDir
    Path dataDir;

    @Test
    void anAnswerDecidedBeforeTheStoreWentAwayStillGoesOut() throws Exception {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(500, TimeUnit.MILLISECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            IdempotencyFilter filter = new IdempotencyFilter(client.getDatabase("povertyledger"), new ObjectMapper(),
                    64 * 1024);
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/households");
            request.addHeader(IdempotencyFilter.HEADER, UUID.randomUUID().toString());
            request.setContentType("application/json");
            request.setContent("{\"householdId\":\"HH-1\"}".getBytes(StandardCharsets.UTF_8));
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(request, response, (req, res) -> {
                jakarta.servlet.http.HttpServletResponse http = (jakarta.servlet.http.HttpServletResponse) res;
                http.setStatus(201);
                http.setContentType("application/json");
                http.getWriter().write("{\"position\":7}");
                // The write is done and answered; now the store becomes unreachable.
                server.close();
            });

            assertThat(response.getStatus()).isEqualTo(201);
            assertThat(response.getContentAsString()).isEqualTo("{\"position\":7}");
        } finally {
            server.close();
        }
    }
}
