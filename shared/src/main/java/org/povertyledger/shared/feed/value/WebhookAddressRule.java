package org.povertyledger.shared.feed.value;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;

/**
 * Which addresses a webhook may be posted to. Refused by default: loopback, private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), shared (100.64/10), link-local (169.254/16, fe80::/10), unspecified, multicast and broadcast addresses,
 * and IPv4 addresses mapped into IPv6 that are any of these. Networks on the allow-list are permitted whatever they
 * are, so that a deployment can reach an internal receiver (and tests a loopback one) on purpose.
 * <p>
 * A URL is permitted only if every address its host resolves to is: a name that resolves to one public and one
 * private address could otherwise be steered to the private one.
 */
public final class WebhookAddressRule {

    private static final List<Network> REFUSED = List.of(
            Network.parse("0.0.0.0/8"), Network.parse("10.0.0.0/8"), Network.parse("100.64.0.0/10"),
            Network.parse("127.0.0.0/8"), Network.parse("169.254.0.0/16"), Network.parse("172.16.0.0/12"),
            Network.parse("192.0.0.0/24"), Network.parse("192.168.0.0/16"), Network.parse("198.18.0.0/15"),
            Network.parse("224.0.0.0/3"), Network.parse("::/128"), Network.parse("::1/128"),
            Network.parse("fc00::/7"), Network.parse("fe80::/10"), Network.parse("ff00::/8"));

    private final List<Network> allowed;

    /** @param allowedNetworks CIDR blocks ({@code 127.0.0.0/8}, {@code ::1/128}) permitted despite the defaults */
    public WebhookAddressRule(Collection<String> allowedNetworks) {
        List<Network> networks = new ArrayList<>();
        if (allowedNetworks != null) {
            for (String cidr : allowedNetworks) {
                if (cidr != null && !cidr.isBlank()) {
                    networks.add(Network.parse(cidr.strip()));
                }
            }
        }
        this.allowed = List.copyOf(networks);
    }

    /** The rule with an empty allow-list. */
    public static WebhookAddressRule strict() {
        return new WebhookAddressRule(List.of());
    }

    /** Whether a webhook may be posted to this address. */
    public boolean permits(InetAddress address) {
        byte[] bytes = unmapped(address.getAddress());
        for (Network network : allowed) {
            if (network.contains(bytes)) {
                return true;
            }
        }
        for (Network network : REFUSED) {
            if (network.contains(bytes)) {
                return false;
            }
        }
        return true;
    }

    /** The first of the addresses that is refused, if any. */
    public Optional<InetAddress> firstRefused(Collection<InetAddress> addresses) {
        return addresses.stream().filter(a -> !permits(a)).findFirst();
    }

    /**
     * Resolves the URL's host (a literal resolves to itself without a lookup) and refuses it unless every address
     * is permitted. Called when a subscription is created and again before every delivery, since a name may come
     * to resolve elsewhere.
     *
     * @throws ValidationException {@link ErrorCode#WEBHOOK_URL_NOT_PERMITTED} naming the refused address
     */
    public void requirePermitted(WebhookUrl url) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.host());
        } catch (UnknownHostException e) {
            throw new ValidationException(ErrorCode.WEBHOOK_URL_NOT_PERMITTED, "url", "resolvable",
                    "the host " + url.host() + " does not resolve", Map.of("host", url.host()));
        }
        Optional<InetAddress> refused = firstRefused(Arrays.asList(addresses));
        if (refused.isPresent()) {
            throw new ValidationException(ErrorCode.WEBHOOK_URL_NOT_PERMITTED, "url", "public-address",
                    "the host " + url.host() + " resolves to " + refused.get().getHostAddress()
                            + ", a private, loopback or link-local address that is not on the allow-list",
                    Map.of("host", url.host(), "address", refused.get().getHostAddress()));
        }
    }

    /** IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) are judged as the IPv4 address they carry. */
    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            }
        }
        return bytes;
    }

    /** A CIDR block. */
    private record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!host.matches("[0-9a-fA-F:.]+")) {
                throw new ValidationException("allowedNetworks", "cidr", "not an address block: " + cidr);
            }
            byte[] prefix;
            try {
                // A literal never triggers a name lookup.
                prefix = unmapped(InetAddress.getByName(host).getAddress());
            } catch (UnknownHostException e) {
                throw new ValidationException("allowedNetworks", "cidr", "not an address block: " + cidr);
            }
            int bits = prefix.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new ValidationException("allowedNetworks", "cidr", "not an address block: " + cidr);
                }
            }
            if (bits < 0 || bits > prefix.length * 8) {
                throw new ValidationException("allowedNetworks", "cidr", "prefix length out of range: " + cidr);
            }
            return new Network(prefix, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }
}
