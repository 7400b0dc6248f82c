package io.billfold.webhooks;

import okhttp3.Dns;
import okhttp3.HttpUrl;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which webhook URLs may be called: http or https, and (unless {@code allow-private-networks}) none whose host is or
 * resolves to a loopback, private, link-local, multicast or unspecified address. Checked when an endpoint is created
 * or changed, and again at every delivery, where it is also the HTTP client's resolver ({@link #dns()}): the client
 * connects only to addresses this checked, so a name that resolves elsewhere the second time gets nowhere.
 */
@Component
class UrlPolicy {

    private final boolean allowPrivateNetworks;

    UrlPolicy(WebhookSettings settings) {
        this.allowPrivateNetworks = settings.allowPrivateNetworks();
    }

    /** Why a URL may not be called (a sentence), or empty when it may. Names that do not resolve are let through. */
    Optional<String> refusal(HttpUrl url) {
        try {
            resolve(url.host());
            return Optional.empty();
        } catch (RefusedAddressException refused) {
            return Optional.of(refused.getMessage());
        } catch (UnknownHostException unresolved) {
            return Optional.empty();
        }
    }

    /** The resolver of the delivering HTTP client: a host's addresses, refused when one of them is not allowed. */
    Dns dns() {
        return this::resolve;
    }

    private List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(host));
        if (!allowPrivateNetworks) {
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    throw new RefusedAddressException(host);
                }
            }
        }
        return addresses;
    }

    /** Loopback, private (RFC 1918, IPv6 unique local), link-local, multicast, unspecified or carrier-grade NAT. */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128;
        }
        return address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    }

    /** A host that is, or resolves to, an address webhooks may not be sent to. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super(host + " is or resolves to a loopback, private, link-local or multicast address");
        }
    }
}
