package org.povertyledger.shared.feed.value;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;

/**
 * Where a subscription's events are posted: an absolute {@code http} or {@code https} URL with a host, no user
 * information and no fragment, at most 2,000 characters. Whether its host may be reached is decided separately by
 * {@link WebhookAddressRule}, since that depends on name resolution and configuration.
 */
public record WebhookUrl(String value) {

    private static final int MAX_LENGTH = 2000;

    public WebhookUrl {
        value = Require.text("url", value, MAX_LENGTH);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ValidationException("url", "uri", "url must be a valid absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ValidationException("url", "scheme:http,https", "url must use http or https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ValidationException("url", "host", "url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException("url", "no-userinfo", "url must not carry user information");
        }
        if (uri.getRawFragment() != null) {
            throw new ValidationException("url", "no-fragment", "url must not carry a fragment");
        }
    }

    /** The URL as a {@link URI}. */
    public URI uri() {
        return URI.create(value);
    }

    /** The host name or address literal (IPv6 literals without brackets). */
    public String host() {
        String host = uri().getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return value;
    }
}
