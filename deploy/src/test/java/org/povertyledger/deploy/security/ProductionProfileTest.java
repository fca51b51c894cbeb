package org.povertyledger.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.deploy.PovertyLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/** The prod profile's refusals: each setting fit only for a demo stops the start, with a message naming it. */
class ProductionProfileTest {

    @TempDir
    Path dataDir;

    private String[] args(String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--povertyledger.mongodb.uri=",
                "--povertyledger.data-dir=" + dataDir, "--povertyledger.demo.enabled=false",
                "--povertyledger.programme.load-reference-on-start=false"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static String[] ownUsers() {
        return new String[] {"--povertyledger.security.users[0].username=ops-7",
                "--povertyledger.security.users[0].password={bcrypt}$2a$10$abcdefghijklmnopqrstuv",
                "--povertyledger.security.users[0].roles[0]=ADMIN", "--povertyledger.security.users[0].scope[0]=*"};
    }

    private void refusesToStart(String expected, String... args) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(PovertyLedgerApplication.class).profiles("prod")
                .run(args).close())
                .hasStackTraceContaining(expected);
    }

    @Test
    void refusesTheDemoUsers() {
        refusesToStart("the prod profile refuses to start while the demo user", args());
    }

    @Test
    void refusesWebhookTargetsOnPrivateNetworks() {
        List<String> all = new ArrayList<>(List.of(args(ownUsers())));
        all.add("--povertyledger.feed.webhooks.allowed-networks=10.0.0.0/8");
        refusesToStart("allowed-networks lets webhooks reach private networks (10.0.0.0/8)", all.toArray(String[]::new));
    }

    @Test
    void refusesTokenKeysOverPlainHttp() {
        List<String> all = new ArrayList<>(List.of(args(ownUsers())));
        all.add("--povertyledger.security.jwt.jwk-set-uri=http://id.example.org/jwks.json");
        refusesToStart("jwk-set-uri fetches token keys over plain HTTP", all.toArray(String[]::new));
    }

    @Test
    void refusesASigningKeyLeftAtItsPublishedDefault() {
        Map<String, String> shipped = Map.of("povertyledger.checkpoints.signing-key", "demo-key-123",
                "povertyledger.feed.source", "urn:povertyledger:ledger");
        MockEnvironment unchanged = new MockEnvironment()
                .withProperty("povertyledger.checkpoints.signing-key", "demo-key-123")
                .withProperty("povertyledger.feed.source", "urn:povertyledger:ledger");
        assertThat(ProductionGuard.refusals(unchanged, shipped))
                .containsExactly("povertyledger.checkpoints.signing-key is the published default; configure your own key");
        MockEnvironment own = new MockEnvironment()
                .withProperty("povertyledger.checkpoints.signing-key", "kms://projects/p/keys/ledger")
                .withProperty("povertyledger.feed.source", "urn:povertyledger:ledger");
        assertThat(ProductionGuard.refusals(own, shipped)).isEmpty();
    }

    @Test
    void readsThePackagedDefaultsWithPlaceholdersReducedToTheirDefaults() throws Exception {
        Map<String, String> shipped = ProductionGuard.packagedDefaults();
        assertThat(shipped).containsEntry("povertyledger.security.jwt.roles-claim", "roles")
                .containsEntry("povertyledger.feed.rabbitmq.enabled", "false");
    }
}
