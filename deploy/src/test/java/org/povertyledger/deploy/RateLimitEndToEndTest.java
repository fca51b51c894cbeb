package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tight rate limits on the real application: writes and feed reads past a user's or an address's budget get
 * 429 problem+json with Retry-After and write nothing; a JSON body over the size limit gets 413.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "povertyledger.demo.enabled=false",
        "povertyledger.programme.load-reference-on-start=false",
        "povertyledger.limits.writes.per-user=3",
        "povertyledger.limits.writes.per-address=6",
        "povertyledger.limits.writes.period=1h",
        "povertyledger.limits.feed.per-user=2",
        "povertyledger.limits.feed.per-address=100",
        "povertyledger.limits.feed.period=1h"})
class RateLimitEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("povertyledger.data-dir", () -> dataDir.toString());
        registry.add("povertyledger.mongodb.uri", () -> "");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoLedgerStorageEngine ledger;

    /** One scenario: every request below counts against the same address budget of 6 writes. */
    @Test
    void writesAndFeedReadsPastTheirBudgetAreRefusedWith429AndWriteNothing() {
        ApiClient api = new ApiClient(port);
        jsonBodyOverTheSizeLimitIsRefusedWith413(api);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("officer", "/api/households", household("HH-L" + i)).status()).isEqualTo(201);
        }
        long head = ledger.head().position();
        ApiClient.Response refused = api.post("officer", "/api/households", household("HH-L9"));
        assertRateLimited(refused, "user");
        assertThat(ledger.head().position()).as("a refused write appends nothing").isEqualTo(head);
        assertThat(api.get("officer", "/api/households/HH-L0").status()).as("reads are not limited").isEqualTo(200);

        assertThat(api.post("admin", "/api/households", household("HH-A1")).status()).isEqualTo(201);
        assertThat(api.post("admin", "/api/households", household("HH-A2")).status()).isEqualTo(201);
        assertRateLimited(api.post("admin", "/api/households", household("HH-A3")), "address");

        assertThat(api.get("integrator", "/api/feed?after=0&limit=10").status()).isEqualTo(200);
        assertThat(api.get("integrator", "/api/feed?after=0&limit=10").status()).isEqualTo(200);
        assertRateLimited(api.get("integrator", "/api/feed?after=0&limit=10"), "user");
    }

    private void jsonBodyOverTheSizeLimitIsRefusedWith413(ApiClient api) {
        Map<String, Object> body = household("HH-BIG");
        body.put("village", "x".repeat(70_000));
        ApiClient.Response response = api.post("auditor", "/api/households", body);
        assertThat(response.status()).as("authorisation comes before the body is read").isEqualTo(403);
        long head = ledger.head().position();
        ApiClient.Response tooLarge = api.post("integrator", "/api/feed/subscriptions", body);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLarge.json().get("rule").asText()).isEqualTo("max-bytes:65536");
        assertThat(ledger.head().position()).isEqualTo(head);
    }

    private static void assertRateLimited(ApiClient.Response response, String by) {
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(response.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(response.json().get("field").asText()).isEqualTo(by);
    }

    private static Map<String, Object> household(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", id);
        body.put("communeCode", "24541");
        body.put("village", "Buon Jun");
        body.put("area", "RURAL");
        body.put("headName", "H Nga Mlo");
        body.put("ethnicity", "Ede");
        body.put("ethnicMinority", true);
        body.put("members", 4);
        return body;
    }
}
