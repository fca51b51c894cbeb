package org.povertyledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.deploy.cluster.NodeRole;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;

/**
 * What an operator deploys, checked as far as it can be without Docker or a cluster: the compose file, the Kubernetes
 * manifests, the Dockerfile, the Grafana dashboard and the alert rules parse and agree with each other and with the
 * service (probe paths, roles, Services selecting Deployments), and every metric the dashboard and the alerts name is
 * exported by a running node.
 */
class DeployManifestsTest {

    /** The module directory: surefire runs the tests there. */
    private static final Path DEPLOY = Path.of("").toAbsolutePath();

    /**
     * Metrics the dashboard and alerts name that another part of the service exports: the dead-letter queue of the
     * projections. Named here so that the check can be made exact once that part is present.
     */
    private static final Set<String> EXPORTED_ELSEWHERE = Set.of();

    private static final Pattern METRIC = Pattern.compile("\\b((?:povertyledger|ledger)_[a-z0-9_]+)\\b");

    @TempDir
    Path dataDir;

    @Test
    void composeRunsTwoNodesOnAThreeMemberReplicaSet() throws IOException {
        Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml")).get(0);
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        List<String> members = services.keySet().stream().filter(s -> s.matches("mongo\\d")).toList();
        assertThat(members).hasSize(3);
        for (String member : members) {
            assertThat(String.valueOf(services.get(member).get("command"))).contains("--replSet, rs0");
        }
        String init = String.valueOf(services.get("mongo-init").get("command"));
        for (String member : members) {
            assertThat(init).contains("host: '" + member + ":27017'");
        }
        List<Map<String, Object>> nodes = services.values().stream()
                .filter(s -> s.get("environment") instanceof Map<?, ?> env && env.containsKey("POVERTYLEDGER_MONGODB_URI"))
                .toList();
        assertThat(nodes).hasSize(2);
        int feedNodes = 0;
        for (Map<String, Object> node : nodes) {
            Map<String, Object> env = map(node.get("environment"));
            assertThat(String.valueOf(env.get("POVERTYLEDGER_MONGODB_URI")))
                    .contains("replicaSet=rs0").contains("mongo1:27017,mongo2:27017,mongo3:27017");
            assertThat(node.get("build")).isEqualTo(".");
            assertThat(String.valueOf(node.get("depends_on"))).contains("mongo-init");
            feedNodes += NodeRole.parse(List.of(String.valueOf(env.get("POVERTYLEDGER_ROLES")))).contains(NodeRole.FEED)
                    ? 1 : 0;
        }
        assertThat(feedNodes).as("the webhook dispatcher runs on one node").isEqualTo(1);
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile"))).contains("COPY target/povertyledger.jar");
    }

    @Test
    void kubernetesDeploymentsProbeTheHealthGroupsAndServicesSelectThem() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                documents.addAll(yaml(file));
            }
        }
        Map<String, Map<String, Object>> byKindAndName = new LinkedHashMap<>();
        for (Map<String, Object> document : documents) {
            byKindAndName.put(document.get("kind") + "/" + map(document.get("metadata")).get("name"), document);
        }
        List<Map<String, Object>> deployments = documents.stream().filter(d -> "Deployment".equals(d.get("kind"))).toList();
        assertThat(deployments).isNotEmpty();
        int feedReplicas = 0;
        List<Map<String, Object>> podLabels = new ArrayList<>();
        for (Map<String, Object> deployment : deployments) {
            Map<String, Object> spec = map(deployment.get("spec"));
            Map<String, Object> template = map(spec.get("template"));
            podLabels.add(map(map(template.get("metadata")).get("labels")));
            Map<String, Object> container = list(map(template.get("spec")).get("containers")).get(0);
            assertThat(path(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
            assertThat(path(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
            String roles = list(container.get("env")).stream().filter(e -> "POVERTYLEDGER_ROLES".equals(e.get("name")))
                    .map(e -> String.valueOf(e.get("value"))).findFirst().orElseThrow();
            if (NodeRole.parse(List.of(roles)).contains(NodeRole.FEED)) {
                feedReplicas += (Integer) spec.get("replicas");
            }
            for (Map<String, Object> source : list(container.get("envFrom"))) {
                String kind = source.containsKey("configMapRef") ? "ConfigMap" : "Secret";
                String name = String.valueOf(map(source.getOrDefault("configMapRef", source.get("secretRef"))).get("name"));
                assertThat(byKindAndName).as("%s %s", kind, name).containsKey(kind + "/" + name);
            }
        }
        assertThat(feedReplicas).as("the webhook dispatcher runs once").isEqualTo(1);
        List<String> services = new ArrayList<>();
        for (Map<String, Object> service : documents.stream().filter(d -> "Service".equals(d.get("kind"))).toList()) {
            Map<String, Object> selector = map(map(service.get("spec")).get("selector"));
            assertThat(podLabels).as("a Deployment selected by %s", selector)
                    .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
            services.add(String.valueOf(map(service.get("metadata")).get("name")));
        }
        String ingress = String.valueOf(documents.stream().filter(d -> "Ingress".equals(d.get("kind"))).findFirst()
                .orElseThrow().get("spec"));
        Matcher backend = Pattern.compile("service=\\{name=([a-z-]+)").matcher(ingress);
        int backends = 0;
        while (backend.find()) {
            backends++;
            assertThat(services).contains(backend.group(1));
        }
        assertThat(backends).isGreaterThan(0);
        for (String key : map(byKindAndName.get("ConfigMap/povertyledger").get("data")).keySet()) {
            assertThat(key).matches("[A-Z_]+");
        }
    }

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExportedByARunningNode() throws IOException {
        Set<String> named = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/povertyledger.json").toFile());
        assertThat(dashboard.get("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                named.addAll(metrics(target.get("expr").asText()));
            }
        }
        Map<String, Object> alerts = yaml(DEPLOY.resolve("prometheus/alerts.yaml")).get(0);
        int rules = 0;
        for (Map<String, Object> group : list(alerts.get("groups"))) {
            for (Map<String, Object> rule : list(group.get("rules"))) {
                assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
                named.addAll(metrics(String.valueOf(rule.get("expr"))));
                rules++;
            }
        }
        assertThat(rules).isGreaterThanOrEqualTo(5);
        assertThat(named).contains("povertyledger_processor_segment_lag_events",
                "povertyledger_processor_segment_lag_time_seconds", "ledger_verifications_total");

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PovertyLedgerApplication.class)
                .run("--server.port=0", "--povertyledger.data-dir=" + dataDir, "--povertyledger.mongodb.uri=",
                        "--povertyledger.demo.enabled=false", "--povertyledger.cluster.balance-interval=200ms")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
            // the activity some meters appear with: an append, a walk of the chain
            Map<String, Object> household = HouseholdBodies.registration("HH-METRICS", 1);
            assertThat(api.post("officer", "/api/households", household).status()).isEqualTo(201);
            assertThat(api.get("auditor", "/api/ledger/verify").status()).isEqualTo(200);
            assertThat(api.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = api.get("admin", "/actuator/prometheus").body();
                Set<String> exported = new TreeSet<>();
                Matcher line = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE).matcher(scrape);
                while (line.find()) {
                    exported.add(line.group(1));
                }
                Set<String> missing = new TreeSet<>(named);
                missing.removeAll(exported);
                missing.removeAll(EXPORTED_ELSEWHERE);
                assertThat(missing).as("metrics named in deploy/ but not exported").isEmpty();
            });
        }
    }

    private static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expression);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        assertThat(documents).as(file.toString()).isNotEmpty();
        return documents;
    }

    private static String path(Map<String, Object> container, String probe) {
        return String.valueOf(map(map(container.get(probe)).get("httpGet")).get("path"));
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
