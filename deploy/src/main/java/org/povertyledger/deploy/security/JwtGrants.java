package org.povertyledger.deploy.security;

import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.povertyledger.shared.access.UnitScope;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Bearer tokens: the decoder (signature against the configured keys, {@code iss}, {@code exp}/{@code nbf}) and the
 * mapping of a verified token's claims onto {@code ROLE_} authorities and {@code UNIT_} grants. Claims may hold a
 * list or a space- or comma-separated string. Role names outside the service's four and unit entries that are not
 * unit codes are ignored: a token can only ever narrow what it grants by being wrong, never widen it.
 */
final class JwtGrants implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final String rolesClaim;
    private final String scopeClaim;

    JwtGrants(String rolesClaim, String scopeClaim) {
        this.rolesClaim = rolesClaim;
        this.scopeClaim = scopeClaim;
    }

    /** Whether a scope entry is {@code *} or has the shape of a unit code. */
    static boolean validGrant(String grant) {
        return grant != null && (grant.equals(UnitScope.NATIONAL_GRANT) || UNIT.matcher(grant).matches());
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt token) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String role : values(token.getClaim(rolesClaim))) {
            String name = role.replaceFirst("^ROLE_", "").toUpperCase(Locale.ROOT);
            for (SecurityProperties.Role known : SecurityProperties.Role.values()) {
                if (known.name().equals(name)) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_" + name));
                }
            }
        }
        for (String unit : values(token.getClaim(scopeClaim))) {
            if (validGrant(unit)) {
                authorities.add(UnitGrants.authority(unit));
            }
        }
        return new JwtAuthenticationToken(token, authorities, token.getSubject());
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> list) {
            list.forEach(item -> {
                if (item != null) {
                    values.add(item.toString().strip());
                }
            });
        } else if (claim instanceof String text) {
            for (String part : text.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    values.add(part);
                }
            }
        }
        return values;
    }

    /** The decoder for the configured key source, validating the issuer and the token's time window. */
    static JwtDecoder decoder(SecurityProperties.Jwt jwt) {
        if (jwt.issuer() == null || jwt.issuer().isBlank()) {
            throw new IllegalStateException("povertyledger.security.jwt.issuer (or issuer-uri) is required when "
                    + "bearer tokens are enabled: tokens of any other issuer must be refused");
        }
        NimbusJwtDecoder decoder;
        if (jwt.jwkSetFile() != null) {
            decoder = fromFile(jwt.jwkSetFile().toFile());
        } else if (jwt.jwkSetUri() != null && jwt.jwkSetUri().startsWith("file:")) {
            decoder = fromFile(new java.io.File(java.net.URI.create(jwt.jwkSetUri())));
        } else if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.values())))
                    .build();
        } else if (jwt.issuerUri() != null && !jwt.issuerUri().isBlank()) {
            decoder = NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
        } else {
            throw new IllegalStateException("bearer tokens are enabled but no key source is configured: set "
                    + "povertyledger.security.jwt.jwk-set-file, jwk-set-uri or issuer-uri");
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(jwt.issuer()));
        return decoder;
    }

    private static NimbusJwtDecoder fromFile(java.io.File file) {
        JWKSet keys;
        try {
            keys = JWKSet.load(file);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the JWK set " + file + ": " + e.getMessage(), e);
        }
        if (keys.getKeys().isEmpty()) {
            throw new IllegalStateException("the JWK set " + file + " holds no key");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
        // The claims are checked by Spring's validators (issuer, expiry) so that failures answer the same way.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return new NimbusJwtDecoder(processor);
    }
}
