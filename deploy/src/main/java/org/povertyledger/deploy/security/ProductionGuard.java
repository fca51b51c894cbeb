package org.povertyledger.deploy.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Under the {@code prod} profile the service refuses to start with settings that are only fit for a demo. Next to
 * the demo accounts (refused where the users are built, {@link SecurityConfiguration}) it refuses:
 * <ul>
 *   <li>a signing key or secret ({@code povertyledger.*signing-key*}, {@code povertyledger.*secret}) left at the
 *   value the packaged {@code application.yml} ships, which anyone can read;</li>
 *   <li>webhook targets on private, loopback or link-local networks
 *   ({@code povertyledger.feed.webhooks.allowed-networks} not empty);</li>
 *   <li>token signing keys fetched over plain HTTP ({@code povertyledger.security.jwt.jwk-set-uri} or
 *   {@code issuer-uri} starting with {@code http:}).</li>
 * </ul>
 */
@Component
@Profile("prod")
class ProductionGuard {

    private static final Pattern SECRET = Pattern.compile("povertyledger\\..*(signing-key[^.]*|secret)");
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[^:}]+:(.*)}");

    ProductionGuard(Environment environment) throws IOException {
        List<String> refusals = refusals(environment, packagedDefaults());
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("the prod profile refuses to start: " + String.join("; ", refusals));
        }
    }

    /** What is wrong with {@code environment} for production, given the shipped defaults; empty when nothing. */
    static List<String> refusals(Environment environment, Map<String, String> shipped) {
        List<String> refusals = new ArrayList<>();
        shipped.forEach((name, value) -> {
            if (SECRET.matcher(name).matches() && !value.isBlank() && value.equals(environment.getProperty(name))) {
                refusals.add(name + " is the published default; configure your own key");
            }
        });
        String networks = environment.getProperty("povertyledger.feed.webhooks.allowed-networks",
                environment.getProperty("povertyledger.feed.webhooks.allowed-networks[0]", ""));
        if (!networks.isBlank()) {
            refusals.add("povertyledger.feed.webhooks.allowed-networks lets webhooks reach private networks ("
                    + networks + ")");
        }
        for (String name : List.of("povertyledger.security.jwt.jwk-set-uri", "povertyledger.security.jwt.issuer-uri")) {
            String uri = environment.getProperty(name, "");
            if (uri.regionMatches(true, 0, "http:", 0, 5)) {
                refusals.add(name + " fetches token keys over plain HTTP; use https");
            }
        }
        return refusals;
    }

    /** The packaged application.yml's values, placeholders reduced to their defaults. */
    static Map<String, String> packagedDefaults() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("packaged",
                new ClassPathResource("application.yml"))) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    Object value = enumerable.getProperty(name);
                    String text = value == null ? "" : value.toString();
                    Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(text);
                    values.put(name, placeholder.matches() ? placeholder.group(1) : text);
                }
            }
        }
        return values;
    }
}
