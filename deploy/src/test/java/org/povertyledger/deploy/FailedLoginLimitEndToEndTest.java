package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failed sign-ins on the real application: three wrong passwords for one user name, eight failures from one
 * address, within an hour. Past either, credentials for that name (or any from that address) are refused with 429
 * problem+json and Retry-After before they are checked, even the right ones; another user's success clears nothing;
 * refusals are counted and logged without the password.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "povertyledger.demo.enabled=false",
        "povertyledger.programme.load-reference-on-start=false",
        "povertyledger.rulebooks.load-built-in-on-start=false",
        "povertyledger.limits.logins.per-user=3",
        "povertyledger.limits.logins.per-address=8",
        "povertyledger.limits.logins.period=1h"})
class FailedLoginLimitEndToEndTest {

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
    MeterRegistry meters;

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private double count(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** One scenario: every request comes from 127.0.0.1 and so counts against the same address budget. */
    @Test
    void failedSignInsPastTheirBudgetAreRefusedWith429BeforeTheCredentialsAreChecked(CapturedOutput output) {
        ApiClient api = new ApiClient(port);
        for (int i = 0; i < 3; i++) {
            ApiClient.Response wrong = api.get(null, "/api/households", basic("officer", "guess-" + i));
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
        }
        ApiClient.Response refused = api.get(null, "/api/households", basic("officer", "officer"));
        assertRateLimited(refused, "user", "max-failed-logins:3/PT1H");

        // another user from the same address signs in; that success does not restore the officer's budget
        assertThat(api.get("auditor", "/api/households").status()).isEqualTo(200);
        assertRateLimited(api.get("officer", "/api/households"), "user", "max-failed-logins:3/PT1H");

        // five more failures under other names: the address has had eight, and now no credentials from it pass
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(null, "/api/households", basic("nobody-" + i, "guess-x" + i)).status())
                    .isEqualTo(401);
        }
        assertRateLimited(api.get("auditor", "/api/households"), "address", "max-failed-logins:8/PT1H");
        // a request without credentials is no sign-in: answered 401 as always, and not counted
        assertThat(api.get(null, "/api/households").status()).isEqualTo(401);

        assertThat(count("povertyledger.http.failed_logins")).isEqualTo(8);
        assertThat(count("povertyledger.http.rate_limited", "kind", "login", "by", "user")).isEqualTo(2);
        assertThat(count("povertyledger.http.rate_limited", "kind", "login", "by", "address")).isEqualTo(1);
        assertThat(output.getOut()).contains("sign-in refused: too many failed sign-ins by=user user=officer")
                .contains("by=address user=auditor address=127.0.0.1")
                .doesNotContain("guess-").doesNotContain("auditor:auditor");
    }

    private static void assertRateLimited(ApiClient.Response response, String by, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(response.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(response.json().get("field").asText()).isEqualTo(by);
        assertThat(response.json().get("rule").asText()).isEqualTo(rule);
    }
}
